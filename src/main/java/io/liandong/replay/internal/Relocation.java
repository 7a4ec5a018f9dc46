package io.liandong.replay.internal;

import org.jspecify.annotations.Nullable;

/**
 * Moves a foreign city's points into ours by a linear map of latitude and longitude, so that
 * reports land inside the center's area and the distances between them, which decide merging,
 * keep their meaning.
 *
 * <p>Two forms: {@code toCenter} puts the middle of {@code fromBox} on that point and keeps
 * distances in metres times {@code scale} (1 by default); {@code toBox} stretches {@code fromBox}
 * onto another box. Boxes are {@code [south, west, north, east]} in decimal degrees. Points outside
 * {@code fromBox} are dropped (the report keeps its address) unless {@code keepOutside} is set.
 */
public final class Relocation {

    private final double[] from;
    private final double latFactor;
    private final double lonFactor;
    private final double toLat;
    private final double toLon;
    private final boolean keepOutside;

    private Relocation(double[] from, double latFactor, double lonFactor, double toLat, double toLon, boolean keep) {
        this.from = from;
        this.latFactor = latFactor;
        this.lonFactor = lonFactor;
        this.toLat = toLat;
        this.toLon = toLon;
        this.keepOutside = keep;
    }

    /** Distance-keeping map of {@code fromBox}'s middle onto {@code center}, scaled by {@code scale}. */
    public static Relocation toCenter(double[] fromBox, double[] center, double scale, boolean keepOutside) {
        checkBox("fromBox", fromBox);
        checkPoint("toCenter", center);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number, was " + scale);
        }
        double fromLat = (fromBox[0] + fromBox[2]) / 2;
        double fromLon = (fromBox[1] + fromBox[3]) / 2;
        double lonFactor = scale * Math.cos(Math.toRadians(fromLat)) / Math.cos(Math.toRadians(center[0]));
        return new Relocation(
                fromBox, scale, lonFactor, center[0] - scale * fromLat, center[1] - lonFactor * fromLon, keepOutside);
    }

    /** Stretches {@code fromBox} onto {@code toBox}, corner to corner. */
    public static Relocation toBox(double[] fromBox, double[] toBox, boolean keepOutside) {
        checkBox("fromBox", fromBox);
        checkBox("toBox", toBox);
        double latFactor = (toBox[2] - toBox[0]) / (fromBox[2] - fromBox[0]);
        double lonFactor = (toBox[3] - toBox[1]) / (fromBox[3] - fromBox[1]);
        return new Relocation(
                fromBox,
                latFactor,
                lonFactor,
                toBox[0] - latFactor * fromBox[0],
                toBox[1] - lonFactor * fromBox[1],
                keepOutside);
    }

    /** The moved point, rounded to 6 decimals (about 0.1 m), or {@code null} if it is dropped. */
    public double @Nullable [] apply(double lat, double lon) {
        boolean inside = lat >= from[0] && lat <= from[2] && lon >= from[1] && lon <= from[3];
        if (!inside && !keepOutside) {
            return null;
        }
        return new double[] {round(toLat + latFactor * lat), round(toLon + lonFactor * lon)};
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private static void checkBox(String name, double[] box) {
        if (box.length != 4) {
            throw new IllegalArgumentException(
                    name + " must be [south, west, north, east], had " + box.length + " numbers");
        }
        checkPoint(name, new double[] {box[0], box[1]});
        checkPoint(name, new double[] {box[2], box[3]});
        if (!(box[0] < box[2]) || !(box[1] < box[3])) {
            throw new IllegalArgumentException(
                    name + " must be [south, west, north, east] with south < north and west < east, was [" + box[0]
                            + ", " + box[1] + ", " + box[2] + ", " + box[3] + "]");
        }
    }

    private static void checkPoint(String name, double[] point) {
        if (point.length != 2 || !(Math.abs(point[0]) <= 90) || !(Math.abs(point[1]) <= 180)) {
            throw new IllegalArgumentException(name + " needs latitude in [-90, 90] and longitude in [-180, 180]");
        }
    }
}
