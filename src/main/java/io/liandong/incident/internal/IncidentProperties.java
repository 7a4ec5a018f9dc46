package io.liandong.incident.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code liandong.intake.*} as far as incidents care: when reports merge into one incident. */
@ConfigurationProperties("liandong.intake")
public record IncidentProperties(Duration mergeWindow, double mergeDistanceMeters) {

    public IncidentProperties {
        if (mergeWindow == null) {
            mergeWindow = Duration.ofMinutes(30);
        }
        if (mergeDistanceMeters <= 0) {
            mergeDistanceMeters = 500;
        }
    }
}
