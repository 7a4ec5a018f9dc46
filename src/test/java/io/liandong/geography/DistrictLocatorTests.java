package io.liandong.geography;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.geography.internal.Boundaries;
import io.liandong.shared.geo.Gcj02;
import io.liandong.shared.geo.GeoPoint;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DistrictLocatorTests {

    private final DistrictLocator locator = new DistrictLocator(new BoundariesFixture().boundaries());

    @Test
    void findsEachDistrictFromItsOwnCentroid() throws Exception {
        JsonNode collection;
        try (InputStream in = new ClassPathResource("geo/chaoyang_211300.geojson").getInputStream()) {
            collection = JsonMapper.builder().build().readTree(in);
        }
        for (JsonNode feature : collection.get("features")) {
            JsonNode centroid = feature.get("properties").get("centroid");
            GeoPoint gcj =
                    new GeoPoint(centroid.get(1).asDouble(), centroid.get(0).asDouble());

            assertThat(locator.locate(Gcj02.toWgs84(gcj)))
                    .as(feature.get("properties").get("name").asString())
                    .contains(feature.get("properties").get("adcode").asString());
        }
    }

    @Test
    void measuresHowFarAPointLiesOutsideTheCitysBox() {
        double[] box = locator.box(); // south, north, west, east
        assertThat(box[0]).isBetween(40.5, 40.8);
        assertThat(box[1]).isBetween(42.2, 42.5);
        assertThat(box[2]).isBetween(118.7, 119.0);
        assertThat(box[3]).isBetween(121.1, 121.4);
        assertThat(locator.kilometresOutside(new GeoPoint(41.57, 120.45))).isZero();
        // due north of the box: the latitude difference, about 111 km a degree
        double north = locator.kilometresOutside(new GeoPoint(43.0, 120.0));
        assertThat(north).isBetween((43.0 - box[1]) * 111 - 2, (43.0 - box[1]) * 111 + 2);
        assertThat(locator.kilometresOutside(new GeoPoint(39.9042, 116.4074))).isBetween(200.0, 300.0);
        assertThat(locator.kilometresOutside(new GeoPoint(0, 0))).isGreaterThan(10_000);
    }

    @Test
    void aPointOutsideTheCityIsInNoDistrict() {
        assertThat(locator.locate(new GeoPoint(39.9042, 116.4074))).isEmpty();
    }

    @Test
    void knowsAllSevenCountyLevelUnits() {
        assertThat(locator.codes())
                .containsExactlyInAnyOrder("211302", "211303", "211321", "211322", "211324", "211381", "211382");
    }

    /** Builds the boundaries from the shipped file, as Spring does. */
    static class BoundariesFixture {
        Boundaries boundaries() {
            try {
                var constructor = Boundaries.class.getDeclaredConstructor(org.springframework.core.io.Resource.class);
                constructor.setAccessible(true);
                return constructor.newInstance(new ClassPathResource("geo/chaoyang_211300.geojson"));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
