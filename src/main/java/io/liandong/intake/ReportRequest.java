package io.liandong.intake;

import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One report as a call taker or a system sends it to {@code POST /api/reports}. {@code mergeInto}
 * names the open incident the call taker chose for the report to join; without it the center
 * opens, merges or diverts by its own rule.
 */
public record ReportRequest(
        @NotBlank @Size(max = 10) String channel,
        @Nullable Instant receivedAt,
        @Nullable @Size(max = 40) @Pattern(regexp = "[0-9+\\-() ]*", message = "must be digits, +, -, () or spaces")
                String callerNumber,
        @Nullable @Size(max = 100) String callerName,
        @Nullable @Size(max = 500) String address,
        @Nullable @DecimalMin("-90") @DecimalMax("90") Double lat,
        @Nullable @DecimalMin("-180") @DecimalMax("180") Double lon,
        @Nullable @Pattern(regexp = "[0-9]{6}([0-9]{3})?", message = "must be a 6- or 9-digit division code")
                String districtCode,
        @NotNull @NotBlank @Size(max = 4000) String text,
        @Nullable @Size(max = 40) String category,
        @Nullable Priority priority,
        @Nullable Severity severity,
        @Nullable Boolean drill,
        @Nullable @Size(max = 100) String externalRef,
        @Nullable @Positive Long mergeInto) {}
