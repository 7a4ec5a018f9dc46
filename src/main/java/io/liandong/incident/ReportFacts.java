package io.liandong.incident;

import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import io.liandong.shared.geo.GeoPoint;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What intake knows of a report when it asks for an incident: already validated and classified.
 * {@code mergeInto} is the incident the call taker chose for it to join, null to let the center
 * decide.
 */
public record ReportFacts(
        String channel,
        Instant receivedAt,
        String categoryCode,
        Priority priority,
        Severity severity,
        @Nullable String address,
        @Nullable GeoPoint point,
        @Nullable String districtCode,
        String text,
        boolean drill,
        @Nullable String externalRef,
        @Nullable Long mergeInto) {}
