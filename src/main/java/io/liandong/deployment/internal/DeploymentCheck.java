package io.liandong.deployment.internal;

import io.liandong.agency.Agency;
import io.liandong.agency.Residency;
import io.liandong.agency.Seat;
import io.liandong.agency.Zone;
import io.liandong.catalog.Category;
import io.liandong.plan.Plan;
import io.liandong.plan.PlanTask;
import io.liandong.shared.security.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Checks a deployment as it would be once imported: the stored reference data with the files'
 * entries laid over it (an entry replaces the stored row of the same code). Every reference must
 * resolve: seats to zones and agencies, categories to parents, owner agencies and zones, plans to
 * categories, agencies and roles. Each problem names the file (or "stored" for a row the files do
 * not touch), the entry and the bad value.
 */
public final class DeploymentCheck {

    /** Codes: upper-case letters, digits and hyphens, at most 40. */
    static final String CODE = "[A-Z0-9][A-Z0-9-]{0,39}";

    private static final int MAX_KEYWORD = 100;
    private static final int MAX_KEYWORDS = 4000;
    private static final int MAX_NOTIFY = 400;
    private static final String STORED = "stored";

    private final Predicate<String> knownDistrict;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Zone> zones;
    private final Map<String, Agency> agencies;
    private final Map<String, Seat> seats;
    private final Map<String, Category> categories;
    private final Map<String, Plan> plans;
    private final Set<String> fromFiles = new HashSet<>();

    /**
     * @param stored the reference data as it is now (empty on first start)
     * @param knownDistrict which district codes an agency may name
     */
    public DeploymentCheck(Deployment stored, Predicate<String> knownDistrict) {
        this.knownDistrict = knownDistrict;
        this.zones = byCode(stored.zones(), Zone::code);
        this.agencies = byCode(stored.agencies(), Agency::code);
        this.seats = byCode(stored.seats(), Seat::code);
        this.categories = byCode(stored.categories(), Category::code);
        this.plans = byCode(stored.plans(), Plan::code);
    }

    /** Every problem of the deployment laid over the stored data; empty when it may be imported. */
    public List<String> check(Deployment files) {
        overlay(files.zones(), Zone::code, zones, DeploymentFiles.ZONES, "zone");
        overlay(files.agencies(), Agency::code, agencies, DeploymentFiles.AGENCIES, "agency");
        overlay(files.seats(), Seat::code, seats, DeploymentFiles.SEATS, "seat");
        overlay(files.categories(), Category::code, categories, DeploymentFiles.CATEGORIES, "category");
        overlay(files.plans(), Plan::code, plans, DeploymentFiles.PLANS, "plan");
        agencies.values().forEach(this::checkAgency);
        seats.values().forEach(this::checkSeat);
        categories.values().forEach(this::checkCategory);
        plans.values().forEach(this::checkPlan);
        return List.copyOf(problems);
    }

    private void checkAgency(Agency agency) {
        String at = where(DeploymentFiles.AGENCIES, "agency", agency.code());
        if (agency.residency() == Residency.SEASONAL && agency.seasons().isEmpty()) {
            problems.add(at + "residency SEASONAL needs at least one season window (seasons: [\"MM-dd/MM-dd\"])");
        }
        if (agency.residency() != Residency.SEASONAL && !agency.seasons().isEmpty()) {
            problems.add(at + "only a SEASONAL agency has seasons, but residency is " + agency.residency()
                    + " and seasons are " + agency.seasons());
        }
        if (agency.districts().isEmpty()) {
            problems.add(at + "districts must name at least one district");
        }
        for (String district : agency.districts()) {
            if (!knownDistrict.test(district)) {
                problems.add(at + "district '" + district
                        + "' is not the center's city or one of its county-level divisions");
            }
        }
    }

    private void checkSeat(Seat seat) {
        String at = where(DeploymentFiles.SEATS, "seat", seat.code());
        if (!zones.containsKey(seat.zoneCode())) {
            problems.add(at + "zone '" + seat.zoneCode() + "' is not a zone");
        }
        if (seat.agencyCode() != null) {
            agencyProblem(seat.agencyCode()).ifPresent(p -> problems.add(at + "agency " + p));
        }
    }

    private void checkCategory(Category category) {
        String at = where(DeploymentFiles.CATEGORIES, "category", category.code());
        checkParent(category, at);
        String owner = category.ownerAgency();
        if (!category.police() && owner == null) {
            problems.add(at + "a non-police category must name an owner agency");
        }
        if (owner != null) {
            agencyProblem(owner).ifPresent(p -> problems.add(at + "owner " + p));
        }
        String zone = category.zoneCode();
        if (zone != null && !zones.containsKey(zone)) {
            problems.add(at + "zone '" + zone + "' is not a zone");
        }
        for (String keyword : category.keywords()) {
            if (keyword.isBlank() || keyword.length() > MAX_KEYWORD || keyword.contains("|")) {
                problems.add(at + "keyword '" + keyword + "' must have 1 to " + MAX_KEYWORD + " characters and no '|'");
            }
        }
        if (String.join("|", category.keywords()).length() > MAX_KEYWORDS) {
            problems.add(at + "keywords together must have at most " + MAX_KEYWORDS + " characters");
        }
    }

    private void checkParent(Category category, String at) {
        Set<String> seen = new HashSet<>();
        seen.add(category.code());
        String parent = category.parentCode();
        while (parent != null) {
            Category above = categories.get(parent);
            if (above == null) {
                problems.add(at + "parent '" + parent + "' is not a category");
                return;
            }
            if (!seen.add(parent)) {
                problems.add(at + "parent '" + category.parentCode() + "' makes a cycle through '" + parent + "'");
                return;
            }
            parent = above.parentCode();
        }
    }

    private void checkPlan(Plan plan) {
        String at = where(DeploymentFiles.PLANS, "plan", plan.code());
        if (!categories.containsKey(plan.categoryCode())) {
            problems.add(at + "category '" + plan.categoryCode() + "' is not a category");
        }
        for (String recipient : plan.recipients()) {
            if (!isRole(recipient) && agencyProblem(recipient).isPresent()) {
                problems.add(
                        at + "notify '" + recipient + "' is neither a role (" + roles() + ") nor an active agency");
            }
        }
        if (String.join(",", plan.recipients()).length() > MAX_NOTIFY) {
            problems.add(at + "notify must have at most " + MAX_NOTIFY + " characters in all");
        }
        if (plan.recipients().size() > Plan.MAX_RECIPIENTS) {
            problems.add(at + "notify must name at most " + Plan.MAX_RECIPIENTS + " recipients, named "
                    + plan.recipients().size());
        }
        if (plan.tasks().isEmpty()) {
            problems.add(at + "a plan needs at least one task");
        }
        if (plan.tasks().size() > Plan.MAX_TASKS) {
            problems.add(at + "a plan has at most " + Plan.MAX_TASKS + " tasks, this one "
                    + plan.tasks().size());
        }
        plan.tasks().forEach(task -> checkTask(task, at + "task " + task.seq() + ": "));
        plan.repeatedAgencies()
                .forEach((task, first) ->
                        problems.add(at + "task " + plan.tasks().get(task).seq()
                                + ": agency '" + plan.tasks().get(task).agencyCode() + "' already has task "
                                + plan.tasks().get(first).seq() + ": a plan tasks each agency once"));
    }

    private void checkTask(PlanTask task, String at) {
        agencyProblem(task.agencyCode()).ifPresent(p -> problems.add(at + "agency " + p));
        List<@Nullable Duration> deadlines =
                Arrays.asList(task.acknowledgeWithin(), task.arriveWithin(), task.completeWithin());
        for (Duration deadline : deadlines) {
            if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
                problems.add(at + "deadline " + deadline + " must be positive");
            }
        }
        Duration last = null;
        for (Duration deadline : deadlines) {
            if (deadline != null && last != null && deadline.compareTo(last) < 0) {
                problems.add(at + "deadlines must run acknowledge <= arrive <= complete, were "
                        + task.acknowledgeWithin() + " / " + task.arriveWithin() + " / " + task.completeWithin());
                return;
            }
            last = deadline == null ? last : deadline;
        }
    }

    /** What is wrong with a reference to an agency, if anything. */
    private Optional<String> agencyProblem(String code) {
        Agency agency = agencies.get(code);
        if (agency == null) {
            return Optional.of("'" + code + "' is not an agency");
        }
        if (!agency.active()) {
            return Optional.of("'" + code + "' is inactive");
        }
        return Optional.empty();
    }

    private <T> void overlay(List<T> entries, Function<T, String> code, Map<String, T> into, String file, String what) {
        Set<String> seen = new HashSet<>();
        for (T entry : entries) {
            String key = code.apply(entry);
            if (!seen.add(key)) {
                problems.add(file + ": " + what + " " + key + ": the code appears more than once");
            }
            into.put(key, entry);
            fromFiles.add(what + ":" + key);
        }
    }

    private String where(String file, String what, String code) {
        return (fromFiles.contains(what + ":" + code) ? file : STORED) + ": " + what + " " + code + ": ";
    }

    private static boolean isRole(String name) {
        return Arrays.stream(Role.values()).anyMatch(role -> role.name().equals(name));
    }

    private static String roles() {
        return String.join(", ", Arrays.stream(Role.values()).map(Role::name).toList());
    }

    private static <T> Map<String, T> byCode(List<T> values, Function<T, String> code) {
        Map<String, T> map = new LinkedHashMap<>();
        values.forEach(value -> map.put(code.apply(value), value));
        return map;
    }
}
