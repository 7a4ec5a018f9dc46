package io.liandong.shared.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Gcj02Tests {

    private static final GeoPoint CHAOYANG_STATION = new GeoPoint(41.5718, 120.4507);

    @Test
    void shiftsAPointInChaoyangByAFewHundredMetres() {
        GeoPoint gcj = Gcj02.fromWgs84(CHAOYANG_STATION);

        assertThat(CHAOYANG_STATION.metersTo(gcj)).isBetween(100.0, 900.0);
    }

    @Test
    void convertingThereAndBackReturnsTheSamePointWithinCentimetres() {
        GeoPoint back = Gcj02.toWgs84(Gcj02.fromWgs84(CHAOYANG_STATION));

        assertThat(back.lat()).isCloseTo(CHAOYANG_STATION.lat(), within(1e-7));
        assertThat(back.lon()).isCloseTo(CHAOYANG_STATION.lon(), within(1e-7));
    }

    @Test
    void leavesPointsOutsideChinaAlone() {
        GeoPoint sanFrancisco = new GeoPoint(37.7749, -122.4194);

        assertThat(Gcj02.fromWgs84(sanFrancisco)).isEqualTo(sanFrancisco);
    }
}
