package io.liandong.agency.internal;

import io.liandong.agency.Agency;
import io.liandong.agency.AgencyReferences;
import io.liandong.agency.AgencyTasks;
import io.liandong.agency.Residency;
import io.liandong.agency.Seat;
import io.liandong.agency.Zone;
import io.liandong.shared.AuditAction;
import io.liandong.shared.ImportCount;
import io.liandong.shared.security.Actor;
import io.liandong.shared.security.AgencyAccounts;
import io.liandong.shared.web.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to agencies and seats: checks them, writes them with their optimistic version, records
 * them in the audit trail in the same transaction, and has the directory reloaded afterwards. An
 * agency that a seat, a category or a plan still names, that has open tasks or enabled users, is not
 * deactivated (see {@link AgencyReferences}, {@link AgencyTasks} and {@link AgencyAccounts} for why
 * that holds against a change saved at the same time).
 */
@Component
public class AgencyAdministration {

    private static final Logger log = LoggerFactory.getLogger(AgencyAdministration.class);
    /** How many open tasks and users a refused deactivation names at most. */
    static final int MOST_NAMED = 10;

    private final AgencyRepository repository;
    private final AgencyDirectory directory;
    private final Districts districts;
    /** Looked up when needed: its implementation uses the agency service, which uses this. */
    private final ObjectProvider<AgencyReferences> references;
    /** The dispatch module's open tasks; absent in a context of the reference data alone. */
    private final ObjectProvider<AgencyTasks> tasks;
    /** The identity module's users; absent in a context of the reference data alone. */
    private final ObjectProvider<AgencyAccounts> accounts;

    AgencyAdministration(
            AgencyRepository repository,
            AgencyDirectory directory,
            Districts districts,
            ObjectProvider<AgencyReferences> references,
            ObjectProvider<AgencyTasks> tasks,
            ObjectProvider<AgencyAccounts> accounts) {
        this.repository = repository;
        this.directory = directory;
        this.districts = districts;
        this.references = references;
        this.tasks = tasks;
        this.accounts = accounts;
    }

    @Transactional
    public Versioned<Agency> create(Agency agency, Actor actor) {
        check(agency);
        if (repository.agency(agency.code()).isPresent()) {
            throw Problem.conflict("agency " + agency.code() + " already exists");
        }

        try {
            repository.insert(agency);
        } catch (DuplicateKeyException race) {
            // Another request created it between the look above and this insert.
            throw Problem.conflict("agency " + agency.code() + " already exists");
        }
        repository.audit(actor.username(), AuditAction.AGENCY_CREATED, agency.code(), agency.toString());
        directory.reloadAfterTransaction();
        log.info("Agency {} created by {}.", agency.code(), actor.username());
        return new Versioned<>(agency, 0);
    }

    @Transactional
    public Versioned<Agency> update(Agency agency, int version, Actor actor) {
        Versioned<Agency> current = existing(agency.code());
        check(agency);

        write(current, agency, version);
        if (current.value().active() && !agency.active()) {
            refuseWhileNamed(agency.code());
        }
        repository.audit(
                actor.username(), AuditAction.AGENCY_UPDATED, agency.code(), Audit.changes(current.value(), agency));
        directory.reloadAfterTransaction();
        log.info("Agency {} updated by {} (version {}).", agency.code(), actor.username(), version + 1);
        return new Versioned<>(agency, version + 1);
    }

    /**
     * Deactivates the agency (it is never deleted); a no-op when it is inactive already. Refused,
     * writing nothing, while a seat, a category or a plan names it, or it has open tasks or
     * enabled users.
     */
    @Transactional
    public Versioned<Agency> deactivate(String code, @Nullable Integer version, Actor actor) {
        Versioned<Agency> current = existing(code);
        int expected = version == null ? current.version() : version;
        if (!current.value().active() && expected == current.version()) {
            return current;
        }
        Agency inactive = withActive(current.value(), false);

        write(current, inactive, expected);
        refuseWhileNamed(code);
        repository.audit(actor.username(), AuditAction.AGENCY_DEACTIVATED, code, "active: true -> false");
        directory.reloadAfterTransaction();
        log.info("Agency {} deactivated by {}.", code, actor.username());
        return new Versioned<>(inactive, expected + 1);
    }

    /** See {@link io.liandong.agency.AgencyService#holdActive}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> holdActive(Collection<String> codes) {
        return repository.lockActive(new TreeSet<>(codes));
    }

    @Transactional
    public Versioned<Seat> update(Seat seat, int version, Actor actor) {
        Versioned<Seat> current = repository.seat(seat.code()).orElseThrow(() -> Problem.notFound("seat", seat.code()));
        check(seat);

        if (!repository.update(seat, version)) {
            throw stale("seat", seat.code(), version, current.version());
        }
        repository.audit(actor.username(), AuditAction.SEAT_UPDATED, seat.code(), Audit.changes(current.value(), seat));
        directory.reloadAfterTransaction();
        log.info("Seat {} updated by {} (version {}).", seat.code(), actor.username(), version + 1);
        return new Versioned<>(seat, version + 1);
    }

    /** See {@link io.liandong.agency.AgencyService#importAll}. */
    @Transactional
    public List<ImportCount> importAll(List<Zone> zones, List<Agency> agencies, List<Seat> seats, Actor actor) {
        Set<String> activeBefore = repository.agencies().stream()
                .map(Versioned::value)
                .filter(Agency::active)
                .map(Agency::code)
                .collect(Collectors.toSet());
        List<String> deactivated = agencies.stream()
                .filter(agency -> !agency.active() && activeBefore.contains(agency.code()))
                .map(Agency::code)
                .sorted()
                .toList();
        List<ImportCount> counts = List.of(
                upsert("zones", zones, Zone::code, repository.zones(), repository::insert, repository::update),
                upsert(
                        "agencies",
                        agencies,
                        Agency::code,
                        repository.agencies(),
                        repository::insert,
                        repository::update),
                upsert("seats", seats, Seat::code, repository.seats(), repository::insert, repository::update));

        // The rows are written (so locked): an order or a user change naming one of these agencies
        // has committed before and is seen, or waits and then finds it inactive. The categories and
        // plans that name it come from the same deployment, which its check looks at as a whole.
        for (String code : deactivated) {
            refuseWhileWorking(code);
        }
        String detail = counts.stream().map(ImportCount::toString).collect(Collectors.joining("; "));
        repository.audit(actor.username(), AuditAction.AGENCIES_IMPORTED, "agency", detail);
        directory.reloadAfterTransaction();
        log.info("Imported reference data: {}.", detail);
        return counts;
    }

    private void check(Agency agency) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (agency.residency() == Residency.SEASONAL && agency.seasons().isEmpty()) {
            errors.add(new Problem.FieldError(
                    "seasons", "a SEASONAL agency needs at least one MM-dd/MM-dd window", agency.seasons()));
        }
        if (agency.residency() != Residency.SEASONAL && !agency.seasons().isEmpty()) {
            errors.add(new Problem.FieldError(
                    "seasons", "only a SEASONAL agency has season windows", String.valueOf(agency.seasons())));
        }
        if (agency.districts().isEmpty()) {
            errors.add(new Problem.FieldError("districts", "must name at least one district", agency.districts()));
        }
        for (String district : agency.districts()) {
            if (districts.find(district).isEmpty()) {
                errors.add(new Problem.FieldError(
                        "districts",
                        "'" + district + "' is not the center's city or one of its county-level divisions",
                        district));
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
    }

    private void check(Seat seat) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (directory.zone(seat.zoneCode()).isEmpty()) {
            errors.add(new Problem.FieldError("zone", "no such zone '" + seat.zoneCode() + "'", seat.zoneCode()));
        }
        String agency = seat.agencyCode();
        if (agency != null
                && repository.lockActive(new TreeSet<>(Set.of(agency))).isEmpty()) {
            errors.add(new Problem.FieldError("agency", "no such active agency '" + agency + "'", agency));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
    }

    /**
     * Refuses the deactivation of the agency while a seat, a category or a plan names it, or it has
     * open tasks or enabled users. Called once the agency's row is written, so it is locked: a
     * change naming the agency (an order issuing it a task, a user saved into it) has either
     * committed before (and is seen here) or waits for this transaction and then finds the agency
     * inactive.
     */
    private void refuseWhileNamed(String code) {
        List<String> seats = repository.seats().stream()
                .map(Versioned::value)
                .filter(seat -> code.equals(seat.agencyCode()))
                .map(Seat::code)
                .toList();
        AgencyReferences named = references.getIfAvailable();
        if (named == null) {
            log.warn(
                    "No AgencyReferences in this application: deactivating agency {} does not look at the"
                            + " categories and plans that name it.",
                    code);
        }
        List<String> categories = named == null ? List.of() : named.categoriesOwnedBy(code);
        List<String> plans = named == null ? List.of() : named.plansNaming(code);
        List<String> uses = new ArrayList<>();
        if (!categories.isEmpty()) {
            uses.add("still owns categories " + String.join(", ", categories));
        }
        if (!plans.isEmpty()) {
            uses.add("still tasked or notified by plans " + String.join(", ", plans));
        }
        if (!seats.isEmpty()) {
            uses.add("still has seats " + String.join(", ", seats));
        }
        Work work = workOf(code);
        uses.addAll(work.uses());
        if (!uses.isEmpty()) {
            log.warn(
                    "Refused to deactivate agency {}: {} categories, {} plans, {} seats, {} open tasks, {} enabled"
                            + " users name it.",
                    code,
                    categories.size(),
                    plans.size(),
                    seats.size(),
                    work.openTasks(),
                    work.users());
            throw Problem.conflict(
                    "agency " + code + " cannot be deactivated: " + String.join("; ", uses) + ": change those first");
        }
    }

    /**
     * Refuses an import that deactivates the agency while it has open tasks or enabled users (the
     * import's own categories, plans and seats are checked with the deployment as a whole).
     */
    private void refuseWhileWorking(String code) {
        Work work = workOf(code);
        if (!work.uses().isEmpty()) {
            log.warn(
                    "Refused an import that deactivates agency {}: {} open tasks, {} enabled users.",
                    code,
                    work.openTasks(),
                    work.users());
            throw Problem.conflict("agency " + code + " cannot be deactivated by this import: "
                    + String.join("; ", work.uses()) + ": change those first");
        }
    }

    /** See {@link io.liandong.agency.AgencyService#deactivationBlockers}. */
    @Transactional(readOnly = true)
    public List<String> deactivationBlockers(String code) {
        return workOf(code).uses();
    }

    /** The agency's open tasks and enabled users, and how each is named in a refusal. */
    private record Work(int openTasks, int users, List<String> uses) {}

    private Work workOf(String code) {
        List<String> uses = new ArrayList<>();
        AgencyTasks open = tasks.getIfAvailable();
        AgencyTasks.OpenTasks openTasks =
                open == null ? new AgencyTasks.OpenTasks(0, List.of()) : open.openTasksOf(code, MOST_NAMED);
        if (openTasks.count() > 0) {
            uses.add(describe(openTasks));
        }
        AgencyAccounts users = accounts.getIfAvailable();
        List<String> usernames = users == null ? List.of() : users.enabledUsernamesOf(code);
        if (!usernames.isEmpty()) {
            uses.add("still has enabled users " + some(usernames));
        }
        return new Work(openTasks.count(), usernames.size(), uses);
    }

    /** {@code 2 open tasks 41 (incident 17), 42 (incident 18)}, at most {@link #MOST_NAMED} of them. */
    private static String describe(AgencyTasks.OpenTasks open) {
        String named = open.first().stream()
                .map(task -> task.id() + " (incident " + task.incidentId() + ")")
                .collect(Collectors.joining(", "));
        int more = open.count() - open.first().size();
        return "still has " + open.count() + (open.count() == 1 ? " open task " : " open tasks ") + named
                + (more > 0 ? " and " + more + " more" : "");
    }

    /** The first {@link #MOST_NAMED} of the names, and how many more there are. */
    private static String some(List<String> names) {
        String named = String.join(", ", names.subList(0, Math.min(names.size(), MOST_NAMED)));
        return names.size() > MOST_NAMED ? named + " and " + (names.size() - MOST_NAMED) + " more" : named;
    }

    private Versioned<Agency> existing(String code) {
        return repository.agency(code).orElseThrow(() -> Problem.notFound("agency", code));
    }

    private void write(Versioned<Agency> current, Agency agency, int version) {
        if (!repository.update(agency, version)) {
            throw stale("agency", agency.code(), version, current.version());
        }
    }

    private static Problem stale(String what, String code, int version, int current) {
        return Problem.conflict(what + " " + code + " was changed by someone else: version " + version
                + " is stale, the current version is " + current + "; reload it and try again");
    }

    static Agency withActive(Agency agency, boolean active) {
        return new Agency(
                agency.code(),
                agency.nameZh(),
                agency.nameEn(),
                agency.kind(),
                agency.residency(),
                agency.seasons(),
                agency.districts(),
                agency.member(),
                agency.chiefRep(),
                active);
    }

    /** Inserts the new rows, updates the changed ones; answers how many of each, and how many were left alone. */
    private static <T> ImportCount upsert(
            String kind,
            List<T> wanted,
            Function<T, String> code,
            List<Versioned<T>> stored,
            Consumer<T> insert,
            BiPredicate<T, Integer> update) {
        Map<String, Versioned<T>> byCode =
                stored.stream().collect(Collectors.toMap(row -> code.apply(row.value()), row -> row));
        int created = 0;
        int updated = 0;
        for (T row : wanted) {
            Versioned<T> existing = byCode.get(code.apply(row));
            if (existing == null) {
                insert.accept(row);
                created++;
            } else if (!existing.value().equals(row)) {
                if (!update.test(row, existing.version())) {
                    throw new IllegalStateException("row " + code.apply(row) + " changed while being imported");
                }
                updated++;
            }
        }
        return new ImportCount(kind, created, updated, wanted.size() - created - updated);
    }
}
