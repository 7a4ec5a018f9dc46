package io.liandong.shared.geo;

/** A WGS-84 point in decimal degrees. */
public record GeoPoint(double lat, double lon) {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    /** Metres along a meridian per degree of latitude, on the sphere {@link #metersTo} uses. */
    public static final double METERS_PER_DEGREE = EARTH_RADIUS_M * Math.PI / 180;

    public GeoPoint {
        if (lat < -90 || lat > 90 || Double.isNaN(lat)) {
            throw new IllegalArgumentException("latitude must be within [-90, 90], was " + lat);
        }
        if (lon < -180 || lon > 180 || Double.isNaN(lon)) {
            throw new IllegalArgumentException("longitude must be within [-180, 180], was " + lon);
        }
    }

    /** Great-circle distance in metres (haversine). */
    public double metersTo(GeoPoint other) {
        double dLat = Math.toRadians(other.lat - lat);
        double dLon = Math.toRadians(other.lon - lon);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat))
                        * Math.cos(Math.toRadians(other.lat))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
