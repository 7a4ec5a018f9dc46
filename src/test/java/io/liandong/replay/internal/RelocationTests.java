package io.liandong.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RelocationTests {

    private static final double[] SAN_FRANCISCO = {37.60, -122.52, 37.84, -122.35};
    private static final double[] CHAOYANG = {41.57, 120.45};

    private final Relocation toChaoyang = Relocation.toCenter(SAN_FRANCISCO, CHAOYANG, 1.0, false);

    @Test
    void putsTheMiddleOfTheSourceBoxOnTheTargetCenter() {
        assertThat(toChaoyang.apply(37.72, -122.435)).containsExactly(41.57, 120.45);
    }

    @Test
    void keepsDistancesInMetresSoMergingByDistanceStillWorks() {
        double[] a = {37.7749, -122.4194};
        double[] b = {37.7790, -122.4130};
        double before = MergeGuard.metres(a[0], a[1], b[0], b[1]);

        double[] movedA = toChaoyang.apply(a[0], a[1]);
        double[] movedB = toChaoyang.apply(b[0], b[1]);

        assertThat(MergeGuard.metres(movedA[0], movedA[1], movedB[0], movedB[1]))
                .isCloseTo(before, within(2.0));
    }

    @Test
    void scalesDistancesWhenAskedTo() {
        Relocation half = Relocation.toCenter(SAN_FRANCISCO, CHAOYANG, 0.5, false);

        assertThat(half.apply(37.84, -122.435)[0]).isCloseTo(41.57 + 0.06, within(1e-6));
    }

    @Test
    void dropsPointsOutsideTheSourceBoxUnlessToldToKeepThem() {
        assertThat(toChaoyang.apply(0, 0)).isNull();
        assertThat(toChaoyang.apply(40.7, -74.0)).isNull();
        assertThat(Relocation.toCenter(SAN_FRANCISCO, CHAOYANG, 1.0, true).apply(37.90, -122.435))
                .isNotNull();
    }

    @Test
    void stretchesOneBoxOntoAnotherCornerToCorner() {
        Relocation boxes = Relocation.toBox(SAN_FRANCISCO, new double[] {41.50, 120.35, 41.65, 120.55}, false);

        assertThat(boxes.apply(37.60, -122.52)).containsExactly(41.50, 120.35);
        assertThat(boxes.apply(37.84, -122.35)).containsExactly(41.65, 120.55);
        assertThat(boxes.apply(37.72, -122.435)).containsExactly(41.575, 120.45);
    }

    @Test
    void refusesBoxesTheWrongWayRoundWithTheValues() {
        assertThatThrownBy(() -> Relocation.toCenter(new double[] {37.84, -122.52, 37.60, -122.35}, CHAOYANG, 1, false))
                .hasMessage("fromBox must be [south, west, north, east] with south < north and west < east, was"
                        + " [37.84, -122.52, 37.6, -122.35]");
        assertThatThrownBy(() -> Relocation.toCenter(SAN_FRANCISCO, new double[] {141.57, 120.45}, 1, false))
                .hasMessage("toCenter needs latitude in [-90, 90] and longitude in [-180, 180]");
        assertThatThrownBy(() -> Relocation.toCenter(SAN_FRANCISCO, CHAOYANG, 0, false))
                .hasMessage("scale must be a positive number, was 0.0");
    }
}
