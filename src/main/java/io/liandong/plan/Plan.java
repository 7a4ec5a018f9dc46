package io.liandong.plan;

import io.liandong.shared.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * 应急预案: what the center does for incidents of a category (or of a category below it) whose
 * severity is at least {@code minSeverity}.
 *
 * @param code stable code, for example {@code PLAN-GAS-SUICIDE}
 * @param minSeverity the plan applies from this severity up (I is the gravest)
 * @param recipients who is told when the plan is activated: role names ({@code LEADER}) or agency codes
 *     (the deployment files and the API call this list {@code notify}, a name Java keeps for itself)
 * @param tasks the tasks it issues, in order of {@link PlanTask#seq}
 */
public record Plan(
        String code,
        String nameZh,
        String nameEn,
        String categoryCode,
        Severity minSeverity,
        List<String> recipients,
        List<PlanTask> tasks) {

    public Plan {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(categoryCode, "categoryCode");
        Objects.requireNonNull(minSeverity, "minSeverity");
        recipients = List.copyOf(recipients);
        tasks = List.copyOf(tasks);
    }

    /** Whether an incident of this severity is grave enough for the plan. */
    public boolean appliesTo(Severity severity) {
        return severity.atLeast(minSeverity);
    }

    /** The name in the given language: English for English, Chinese otherwise. */
    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }
}
