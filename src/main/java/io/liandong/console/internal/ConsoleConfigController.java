package io.liandong.console.internal;

import io.liandong.shared.time.CenterZone;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/public/config}: what the console needs before it draws a map or a time. */
@RestController
class ConsoleConfigController {

    /** The answer; {@code tileUrl} null means no tiles, only the shipped boundaries. */
    record ConsoleConfig(
            @Nullable String tileUrl,
            MapProperties.CoordSystem tileCoordSystem,
            @Nullable String tileAttribution,
            String zone,
            String cityCode,
            Point cityCenter,
            int zoom) {}

    record Point(double lat, double lon) {}

    private final ConsoleConfig config;

    ConsoleConfigController(
            MapProperties map, CenterZone zone, @Value("${liandong.center.city-code:211300}") String cityCode) {
        String tiles = map.tileUrl() == null || map.tileUrl().isBlank()
                ? null
                : map.tileUrl().strip();
        this.config = new ConsoleConfig(
                tiles,
                map.tileCoordSystem(),
                map.tileAttribution(),
                zone.zone().getId(),
                cityCode,
                new Point(map.centerLat(), map.centerLon()),
                map.zoom());
    }

    @GetMapping("/api/public/config")
    ConsoleConfig config() {
        return config;
    }
}
