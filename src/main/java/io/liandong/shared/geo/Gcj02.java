package io.liandong.shared.geo;

/**
 * WGS-84 ⇄ GCJ-02, the offset coordinate system Chinese web maps and phones use. The forward
 * transform is the published Krasovsky-ellipsoid formula; the inverse is found by fixed-point
 * iteration to well under a metre. Outside mainland China both systems coincide.
 */
public final class Gcj02 {

    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;

    private Gcj02() {}

    /** A WGS-84 point as GCJ-02. */
    public static GeoPoint fromWgs84(GeoPoint wgs) {
        if (outsideChina(wgs)) {
            return wgs;
        }
        double[] d = delta(wgs.lat(), wgs.lon());
        return new GeoPoint(wgs.lat() + d[0], wgs.lon() + d[1]);
    }

    /** A GCJ-02 point as WGS-84. */
    public static GeoPoint toWgs84(GeoPoint gcj) {
        if (outsideChina(gcj)) {
            return gcj;
        }
        double lat = gcj.lat();
        double lon = gcj.lon();
        for (int i = 0; i < 8; i++) {
            GeoPoint forward = fromWgs84(new GeoPoint(lat, lon));
            lat -= forward.lat() - gcj.lat();
            lon -= forward.lon() - gcj.lon();
        }
        return new GeoPoint(lat, lon);
    }

    static boolean outsideChina(GeoPoint p) {
        return p.lon() < 72.004 || p.lon() > 137.8347 || p.lat() < 0.8293 || p.lat() > 55.8271;
    }

    private static double[] delta(double lat, double lon) {
        double x = lon - 105.0;
        double y = lat - 35.0;
        double dLat = transformLat(x, y);
        double dLon = transformLon(x, y);
        double radLat = Math.toRadians(lat);
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {dLat, dLon};
    }

    private static double transformLat(double x, double y) {
        double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double transformLon(double x, double y) {
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }
}
