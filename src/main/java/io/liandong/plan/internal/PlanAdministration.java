package io.liandong.plan.internal;

import io.liandong.agency.AgencyService;
import io.liandong.catalog.CatalogService;
import io.liandong.plan.Plan;
import io.liandong.plan.PlanTask;
import io.liandong.shared.AuditAction;
import io.liandong.shared.ImportCount;
import io.liandong.shared.security.Actor;
import io.liandong.shared.security.Role;
import io.liandong.shared.web.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to plans: checks them against the catalog and the agencies, writes them with their
 * optimistic version, records them in the audit trail in the same transaction, and has the
 * directory reloaded afterwards.
 */
@Component
public class PlanAdministration {

    private static final Logger log = LoggerFactory.getLogger(PlanAdministration.class);

    private static final int MAX_NOTIFY_LENGTH = 400;

    private final PlanRepository repository;
    private final PlanDirectory directory;
    private final CatalogService catalog;
    private final AgencyService agencies;

    PlanAdministration(
            PlanRepository repository, PlanDirectory directory, CatalogService catalog, AgencyService agencies) {
        this.repository = repository;
        this.directory = directory;
        this.catalog = catalog;
        this.agencies = agencies;
    }

    @Transactional
    public Versioned<Plan> create(Plan plan, Actor actor) {
        check(plan);
        if (repository.plan(plan.code()).isPresent()) {
            throw Problem.conflict("plan " + plan.code() + " already exists");
        }

        try {
            repository.insert(plan);
        } catch (DuplicateKeyException race) {
            // Another request created it between the look above and this insert.
            throw Problem.conflict("plan " + plan.code() + " already exists");
        }
        repository.audit(actor.username(), AuditAction.PLAN_CREATED, plan.code(), plan.toString());
        directory.reloadAfterTransaction();
        log.info("Plan {} created by {}.", plan.code(), actor.username());
        return new Versioned<>(plan, 0);
    }

    @Transactional
    public Versioned<Plan> update(Plan plan, int version, Actor actor) {
        Versioned<Plan> current = repository.plan(plan.code()).orElseThrow(() -> Problem.notFound("plan", plan.code()));
        check(plan);

        if (!repository.update(plan, version)) {
            throw Problem.conflict("plan " + plan.code() + " was changed by someone else: version " + version
                    + " is stale, the current version is " + current.version() + "; reload it and try again");
        }
        repository.audit(actor.username(), AuditAction.PLAN_UPDATED, plan.code(), Audit.changes(current.value(), plan));
        directory.reloadAfterTransaction();
        log.info("Plan {} updated by {} (version {}).", plan.code(), actor.username(), version + 1);
        return new Versioned<>(plan, version + 1);
    }

    /** See {@link io.liandong.plan.PlanService#naming}. */
    public List<String> naming(String agencyCode) {
        return repository.plans().stream()
                .map(Versioned::value)
                .filter(plan -> plan.names(agencyCode))
                .map(Plan::code)
                .toList();
    }

    /** See {@link io.liandong.plan.PlanService#importAll}. */
    @Transactional
    public ImportCount importAll(List<Plan> plans, Actor actor) {
        Map<String, Versioned<Plan>> stored = repository.plans().stream()
                .collect(Collectors.toMap(row -> row.value().code(), Function.identity()));
        int created = 0;
        int updated = 0;
        for (Plan plan : plans) {
            Versioned<Plan> existing = stored.get(plan.code());
            if (existing == null) {
                repository.insert(plan);
                created++;
            } else if (!existing.value().equals(plan)) {
                if (!repository.update(plan, existing.version())) {
                    throw new IllegalStateException("plan " + plan.code() + " changed while being imported");
                }
                updated++;
            }
        }

        ImportCount counts = new ImportCount("plans", created, updated, plans.size() - created - updated);
        repository.audit(actor.username(), AuditAction.PLANS_IMPORTED, "plan", counts.toString());
        directory.reloadAfterTransaction();
        log.info("Imported reference data: {}.", counts);
        return counts;
    }

    /**
     * Checks the plan. The agencies it names are read from the database and stay locked until the
     * transaction ends, so none of them is deactivated while this plan is being saved.
     */
    private void check(Plan plan) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> named = new HashSet<>();
        plan.tasks().forEach(task -> named.add(task.agencyCode()));
        plan.recipients().stream().filter(recipient -> !isRole(recipient)).forEach(named::add);
        Set<String> active = agencies.holdActive(named);
        if (catalog.find(plan.categoryCode()).isEmpty()) {
            errors.add(new Problem.FieldError(
                    "category", "no such category '" + plan.categoryCode() + "'", plan.categoryCode()));
        }
        for (String recipient : plan.recipients()) {
            if (!isRole(recipient) && !active.contains(recipient)) {
                errors.add(new Problem.FieldError(
                        "notify", "'" + recipient + "' is neither a role nor an active agency", recipient));
            }
        }
        if (String.join(",", plan.recipients()).length() > MAX_NOTIFY_LENGTH) {
            errors.add(new Problem.FieldError(
                    "notify", "is too long", plan.recipients().size() + " recipients"));
        }
        if (plan.tasks().isEmpty()) {
            errors.add(new Problem.FieldError("tasks", "a plan needs at least one task", List.of()));
        }
        Map<Integer, Integer> repeated = plan.repeatedAgencies();
        for (int i = 0; i < plan.tasks().size(); i++) {
            PlanTask task = plan.tasks().get(i);
            check(task, "tasks[" + i + "]", active, errors);
            if (repeated.containsKey(i)) {
                errors.add(new Problem.FieldError(
                        "tasks[" + i + "].agency",
                        "'" + task.agencyCode() + "' already has tasks[" + repeated.get(i)
                                + "]: a plan tasks each agency once",
                        task.agencyCode()));
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
    }

    private static void check(PlanTask task, String field, Set<String> active, List<Problem.FieldError> errors) {
        if (!active.contains(task.agencyCode())) {
            errors.add(new Problem.FieldError(
                    field + ".agency", "no such active agency '" + task.agencyCode() + "'", task.agencyCode()));
        }
        Duration acknowledge = task.acknowledgeWithin();
        Duration arrive = task.arriveWithin();
        Duration complete = task.completeWithin();
        for (Duration deadline : Arrays.asList(acknowledge, arrive, complete)) {
            if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
                errors.add(new Problem.FieldError(field, "deadlines must be positive", deadline.toString()));
            }
        }
        if (later(acknowledge, arrive) || later(arrive, complete) || later(acknowledge, complete)) {
            errors.add(new Problem.FieldError(
                    field,
                    "deadlines must run acknowledge <= arrive <= complete",
                    acknowledge + " / " + arrive + " / " + complete));
        }
    }

    private static boolean isRole(String name) {
        return Arrays.stream(Role.values()).anyMatch(role -> role.name().equals(name));
    }

    private static boolean later(@Nullable Duration first, @Nullable Duration second) {
        return first != null && second != null && first.compareTo(second) > 0;
    }
}
