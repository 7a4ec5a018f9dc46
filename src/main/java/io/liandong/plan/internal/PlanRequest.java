package io.liandong.plan.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.liandong.plan.Plan;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/plans} (code required) and {@code PUT /api/plans/{code}} (version
 * required). Deadlines are ISO-8601 durations ({@code PT15M}); tasks are numbered in list order.
 */
record PlanRequest(
        @Nullable @Pattern(regexp = Fields.CODE, message = Fields.CODE_MESSAGE) String code,
        @NotBlank @Size(max = 200) String nameZh,
        @NotBlank @Size(max = 200) String nameEn,
        @NotBlank String category,
        @NotBlank String minSeverity,
        @JsonProperty("notify") @Nullable @Size(max = Plan.MAX_RECIPIENTS, message = "must name at most 30 recipients")
                List<@NotBlank String> recipients,
        @NotEmpty @Size(max = Plan.MAX_TASKS, message = "must have 1 to 50 tasks") List<@Valid @NotNull Task> tasks,
        @Nullable Integer version) {

    /** One task of the plan. */
    record Task(
            @NotBlank String agency,
            @NotBlank @Size(max = 1000) String taskZh,
            @NotBlank @Size(max = 1000) String taskEn,
            @Nullable String acknowledge,
            @Nullable String arrive,
            @Nullable String complete) {}
}
