package io.liandong.incident;

import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import io.liandong.shared.geo.GeoPoint;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An incident's current state (its history is the record). */
public record Incident(
        long id,
        IncidentKind kind,
        String categoryCode,
        Priority priority,
        Severity severity,
        IncidentStatus status,
        String title,
        @Nullable String address,
        @Nullable Double lat,
        @Nullable Double lon,
        @Nullable String districtCode,
        Instant openedAt,
        Instant lastReportAt,
        @Nullable Instant closedAt,
        @Nullable String planCode,
        String inCommand,
        int reportCount,
        boolean drill,
        int version) {

    public @Nullable GeoPoint point() {
        return lat == null || lon == null ? null : new GeoPoint(lat, lon);
    }

    public boolean isOpen() {
        return status == IncidentStatus.OPEN;
    }
}
