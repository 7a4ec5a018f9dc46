package io.liandong.geography;

import io.liandong.geography.internal.Boundaries;
import io.liandong.shared.geo.Gcj02;
import io.liandong.shared.geo.GeoPoint;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Finds the district (6-digit division code) that holds a WGS-84 point. */
@Service
public class DistrictLocator {

    private final List<Boundaries.District> districts;
    private final double south;
    private final double north;
    private final double west;
    private final double east;

    DistrictLocator(Boundaries boundaries) {
        this.districts = boundaries.districts();
        double s = 90;
        double n = -90;
        double w = 180;
        double e = -180;
        for (Boundaries.District district : districts) {
            for (List<double[][]> polygon : district.polygons()) {
                for (double[][] ring : polygon) {
                    for (double[] lonLat : ring) {
                        w = Math.min(w, lonLat[0]);
                        e = Math.max(e, lonLat[0]);
                        s = Math.min(s, lonLat[1]);
                        n = Math.max(n, lonLat[1]);
                    }
                }
            }
        }
        if (districts.isEmpty()) {
            throw new IllegalStateException("the city's boundaries hold no district");
        }
        this.south = s;
        this.north = n;
        this.west = w;
        this.east = e;
    }

    /** The district holding the point, or empty outside the city. */
    public Optional<String> locate(GeoPoint wgs84) {
        GeoPoint gcj = Gcj02.fromWgs84(wgs84);
        for (Boundaries.District district : districts) {
            if (district.contains(gcj.lon(), gcj.lat())) {
                return Optional.of(district.code());
            }
        }
        return Optional.empty();
    }

    /**
     * How far the point lies outside the box that holds the city's districts, in kilometres; 0 inside
     * the box. A lower bound of its distance from the city, and cheap: four comparisons and, outside,
     * one great-circle distance.
     */
    public double kilometresOutside(GeoPoint wgs84) {
        GeoPoint gcj = Gcj02.fromWgs84(wgs84);
        double lat = Math.max(south, Math.min(north, gcj.lat()));
        double lon = Math.max(west, Math.min(east, gcj.lon()));
        if (lat == gcj.lat() && lon == gcj.lon()) {
            return 0;
        }
        return gcj.metersTo(new GeoPoint(lat, lon)) / 1000;
    }

    /** The box that holds the city's districts (GCJ-02 degrees): south, north, west, east. */
    public double[] box() {
        return new double[] {south, north, west, east};
    }

    /** The districts as code and Chinese name, in the file's order. */
    public List<String> codes() {
        return districts.stream().map(Boundaries.District::code).toList();
    }
}
