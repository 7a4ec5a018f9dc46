package io.liandong.plan;

import io.liandong.shared.Severity;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** The most tasks a plan has. */
    public static final int MAX_TASKS = 50;

    /** The most recipients a plan notifies. */
    public static final int MAX_RECIPIENTS = 30;

    public Plan {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(categoryCode, "categoryCode");
        Objects.requireNonNull(minSeverity, "minSeverity");
        recipients = List.copyOf(recipients);
        tasks = List.copyOf(tasks);
    }

    /**
     * The tasks that name an agency an earlier task of the plan already names (a plan tasks each
     * agency once): each such task's index, in order, to the index of the first task naming it.
     */
    public Map<Integer, Integer> repeatedAgencies() {
        Map<String, Integer> first = new HashMap<>();
        Map<Integer, Integer> repeated = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            Integer earlier = first.putIfAbsent(tasks.get(i).agencyCode(), i);
            if (earlier != null) {
                repeated.put(i, earlier);
            }
        }
        return repeated;
    }

    /** Whether the plan tasks the agency or notifies it. */
    public boolean names(String agencyCode) {
        return recipients.contains(agencyCode)
                || tasks.stream().anyMatch(task -> task.agencyCode().equals(agencyCode));
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
