package io.liandong.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.incident.internal.MergeLock.Claim;
import io.liandong.incident.internal.MergeLock.Key;
import io.liandong.shared.geo.GeoPoint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Which merge locks a report takes: the rule that keeps one event to one incident. */
class MergeLockKeysTests {

    private static final double METERS = 500;

    @Test
    void twoReportsWithinMergeDistanceAlwaysShareACell() {
        SplittableRandom random = new SplittableRandom(20261205);
        for (int i = 0; i < 200_000; i++) {
            GeoPoint a = new GeoPoint(-80 + random.nextDouble() * 160, -179 + random.nextDouble() * 358);
            double bearing = random.nextDouble() * 2 * Math.PI;
            double meters = random.nextDouble() * METERS;
            double dLat = meters * Math.cos(bearing) / GeoPoint.METERS_PER_DEGREE;
            double dLon = meters * Math.sin(bearing) / GeoPoint.METERS_PER_DEGREE / Math.cos(Math.toRadians(a.lat()));
            GeoPoint b = new GeoPoint(a.lat() + dLat, a.lon() + dLon);
            if (a.metersTo(b) > METERS) {
                continue;
            }
            List<String> cellsA = MergeLock.cells(new Claim("ACC-FIRE-BUILDING", a, METERS));
            List<String> cellsB = MergeLock.cells(new Claim("ACC-FIRE-BUILDING", b, METERS));
            if (cellsA == null || cellsB == null) {
                continue; // the whole category is locked exclusively: they take turns anyway
            }
            Set<String> shared = new HashSet<>(cellsA);
            shared.retainAll(cellsB);
            assertThat(shared)
                    .as("%s and %s, %.1f m apart", a, b, a.metersTo(b))
                    .isNotEmpty();
        }
    }

    @Test
    void reportsFarApartInOneCategoryTakeNoCommonExclusiveLock() {
        List<Key> a = MergeLock.keys(List.of(new Claim("SOC-THEFT", new GeoPoint(41.57, 120.45), METERS)));
        List<Key> b = MergeLock.keys(List.of(new Claim("SOC-THEFT", new GeoPoint(41.60, 120.50), METERS)));

        assertThat(a.get(0)).isEqualTo(new Key(false, "SOC-THEFT", true));
        assertThat(b.get(0)).isEqualTo(new Key(false, "SOC-THEFT", true));
        Set<Key> common = new HashSet<>(a);
        common.retainAll(b);
        assertThat(common).allMatch(Key::shared);
        assertThat(a.subList(1, a.size()))
                .allMatch(k -> k.cell() && !k.shared())
                .hasSizeBetween(1, 6);
    }

    @Test
    void aReportWithoutAPointLocksItsWholeCategory() {
        List<Key> keys = MergeLock.keys(List.of(
                new Claim("SOC-THEFT", new GeoPoint(41.57, 120.45), METERS), new Claim("SOC-THEFT", null, METERS)));

        assertThat(keys).containsExactly(new Key(false, "SOC-THEFT", false));
    }

    @Test
    void aBoxAcrossTheAntimeridianOrTooLargeLocksItsWholeCategory() {
        assertThat(MergeLock.cells(new Claim("SOC-THEFT", new GeoPoint(10, 179.999), METERS)))
                .isNull();
        assertThat(MergeLock.cells(new Claim("SOC-THEFT", new GeoPoint(89.99, 10), METERS)))
                .isNull();
        assertThat(MergeLock.cells(new Claim("SOC-THEFT", new GeoPoint(41.57, 120.45), 20_000)))
                .isNull();
    }

    @Test
    void aLargeBatchSpreadOverTheCityTakesAtMostABoundedNumberOfLocks() {
        SplittableRandom random = new SplittableRandom(7);
        List<Claim> claims = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String category = i % 3 == 0 ? "SOC-THEFT" : i % 3 == 1 ? "ACC-ROAD-CRASH" : "PHE-MEDICAL";
            claims.add(new Claim(
                    category,
                    new GeoPoint(40.9 + random.nextDouble() * 1.2, 119.2 + random.nextDouble() * 1.5),
                    METERS));
        }
        claims.add(new Claim("ACC-FIRE-BUILDING", new GeoPoint(41.57, 120.45), METERS));

        List<Key> keys = MergeLock.keys(claims);

        assertThat(keys).hasSizeLessThanOrEqualTo(MergeLock.MOST_KEYS);
        assertThat(keys)
                .contains(new Key(false, "SOC-THEFT", false), new Key(false, "ACC-ROAD-CRASH", false))
                .contains(new Key(false, "ACC-FIRE-BUILDING", true))
                .anyMatch(k -> k.cell() && k.name().startsWith("ACC-FIRE-BUILDING#"));
    }

    @Test
    void locksAreTakenCategoriesFirstByCodeThenCellsByName() {
        List<Key> keys = MergeLock.keys(List.of(
                new Claim("SOC-THEFT", new GeoPoint(41.57, 120.45), METERS),
                new Claim("ACC-FIRE-BUILDING", new GeoPoint(41.20, 119.60), METERS),
                new Claim("SOC-THEFT", new GeoPoint(41.57, 120.45), METERS)));

        assertThat(keys.subList(0, 2).stream().map(Key::name)).containsExactly("ACC-FIRE-BUILDING", "SOC-THEFT");
        List<String> cells =
                keys.subList(2, keys.size()).stream().map(Key::name).toList();
        assertThat(cells).isSorted().doesNotHaveDuplicates();
        assertThat(cells).anyMatch(c -> c.startsWith("ACC-FIRE-BUILDING#")).anyMatch(c -> c.startsWith("SOC-THEFT#"));
    }
}
