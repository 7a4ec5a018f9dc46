package io.liandong.intake.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code liandong.intake.*}: how intake classifies a report nobody categorised. */
@ConfigurationProperties("liandong.intake")
public record IntakeProperties(String fallbackCategory, double minConfidence) {

    public IntakeProperties {
        if (fallbackCategory == null || fallbackCategory.isBlank()) {
            fallbackCategory = "SOC-OTHER-POLICE";
        }
        if (minConfidence <= 0) {
            minConfidence = 0.15;
        }
    }
}
