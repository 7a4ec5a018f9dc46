package io.liandong.intake.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code liandong.intake.*}: how intake classifies a report nobody categorised, and how single
 * reports arriving together share a transaction ({@code group-lanes} transactions at once, at most
 * {@code group-size} reports each; {@code group-lanes: 0} gives every report its own; a report no
 * lane has taken within {@code group-wait} is answered 503); and how far outside the city a report's
 * point may lie ({@code max-kilometres-outside-city}, 50 km by default: beyond, it is refused).
 */
@ConfigurationProperties("liandong.intake")
public record IntakeProperties(
        String fallbackCategory,
        double minConfidence,
        @Nullable Integer groupLanes,
        @Nullable Integer groupSize,
        @Nullable Duration groupWait,
        @Nullable Double maxKilometresOutsideCity) {

    public IntakeProperties {
        if (fallbackCategory == null || fallbackCategory.isBlank()) {
            fallbackCategory = "SOC-OTHER-POLICE";
        }
        if (minConfidence <= 0) {
            minConfidence = 0.15;
        }
        if (groupLanes == null) {
            groupLanes = 4;
        }
        if (groupSize == null) {
            groupSize = 32;
        }
        if (groupWait == null) {
            groupWait = Duration.ofSeconds(10);
        }
        if (maxKilometresOutsideCity == null) {
            maxKilometresOutsideCity = 50.0;
        }
        if (!(maxKilometresOutsideCity >= 0 && maxKilometresOutsideCity <= 20_000)) {
            throw new IllegalArgumentException(
                    "liandong.intake.max-kilometres-outside-city must be 0-20000, was " + maxKilometresOutsideCity);
        }
        if (groupWait.isNegative() || groupWait.isZero()) {
            throw new IllegalArgumentException("liandong.intake.group-wait must be positive, was " + groupWait);
        }
        if (groupLanes < 0 || groupLanes > 64) {
            throw new IllegalArgumentException("liandong.intake.group-lanes must be 0-64, was " + groupLanes);
        }
        if (groupSize < 1 || groupSize > 500) {
            throw new IllegalArgumentException("liandong.intake.group-size must be 1-500, was " + groupSize);
        }
    }
}
