package io.liandong.console.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code liandong.map.*}: the console's map. With no tile URL the console draws the city's
 * district boundaries (shipped with it) on a plain background, which works with no network at
 * all. A center with its own tile server sets {@code tile-url} (Leaflet's {@code {z}/{x}/{y}}
 * template), says which datum its tiles use, and lets the browser load them by naming the
 * server's origin in {@code liandong.map.tile-origin} (read by the content security policy).
 *
 * @param tileUrl for example {@code https://tiles.center.example/{z}/{x}/{y}.png}, or blank for none
 * @param tileCoordSystem {@code WGS84} or {@code GCJ02} (most Chinese tile sets)
 * @param tileAttribution the tiles' attribution line shown on the map
 * @param centerLat latitude of the map's starting centre, WGS-84
 * @param centerLon longitude of the map's starting centre, WGS-84
 * @param zoom the starting zoom level
 */
@ConfigurationProperties("liandong.map")
public record MapProperties(
        @Nullable String tileUrl,
        @DefaultValue("WGS84") CoordSystem tileCoordSystem,
        @Nullable String tileAttribution,
        @DefaultValue("41.5718") double centerLat,
        @DefaultValue("120.4507") double centerLon,
        @DefaultValue("9") int zoom) {

    /** The datum map tiles are drawn in. */
    public enum CoordSystem {
        WGS84,
        GCJ02
    }

    public MapProperties {
        if (centerLat < -90 || centerLat > 90 || centerLon < -180 || centerLon > 180) {
            throw new IllegalArgumentException(
                    "liandong.map.center-lat/center-lon must be a WGS-84 point, was " + centerLat + ", " + centerLon);
        }
        if (zoom < 0 || zoom > 22) {
            throw new IllegalArgumentException("liandong.map.zoom must be between 0 and 22, was " + zoom);
        }
    }
}
