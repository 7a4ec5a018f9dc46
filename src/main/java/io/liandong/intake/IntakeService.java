package io.liandong.intake;

import io.liandong.agency.AgencyService;
import io.liandong.catalog.CatalogService;
import io.liandong.catalog.Category;
import io.liandong.catalog.Classification;
import io.liandong.catalog.Suggestion;
import io.liandong.geography.DistrictLocator;
import io.liandong.incident.Admission;
import io.liandong.incident.IncidentService;
import io.liandong.incident.ReportFacts;
import io.liandong.intake.internal.IntakeProperties;
import io.liandong.intake.internal.ReportStore;
import io.liandong.record.RecordService;
import io.liandong.shared.GroupCommit;
import io.liandong.shared.Masking;
import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import io.liandong.shared.Sha256;
import io.liandong.shared.geo.GeoPoint;
import io.liandong.shared.security.Actor;
import io.liandong.shared.web.DatabaseOutage;
import io.liandong.shared.web.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives reports. A report is validated, classified and admitted (opened, merged or
 * diverted) and stored in one transaction; with an idempotency key (scoped to the user who sent
 * it) a retry returns the first answer and stores nothing new, and the same key with another body
 * is refused.
 */
@Service
public class IntakeService {

    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final int BATCH_ATTEMPTS = 4;

    private final ReportStore store;
    private final CatalogService catalog;
    private final IncidentService incidents;
    private final IntakeProperties properties;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer latency;
    private final Timer batchLatency;
    private final DistrictLocator districts;
    private final AgencyService agencies;
    private final RecordService records;
    private final @Nullable GroupCommit<Single, Received> groups;
    private final DistributionSummary groupSizes;

    IntakeService(
            ReportStore store,
            CatalogService catalog,
            IncidentService incidents,
            IntakeProperties properties,
            TransactionTemplate transactions,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters,
            DistrictLocator districts,
            AgencyService agencies,
            RecordService records) {
        this.store = store;
        this.catalog = catalog;
        this.incidents = incidents;
        this.properties = properties;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.districts = districts;
        this.agencies = agencies;
        this.records = records;
        this.latency = Timer.builder("liandong.intake.latency")
                .description("Time to validate, classify, admit and store one report")
                .publishPercentileHistogram()
                .register(meters);
        this.batchLatency = Timer.builder("liandong.intake.batch.latency")
                .description("Time to validate, classify, admit and store one batch of reports")
                .publishPercentileHistogram()
                .register(meters);
        this.groupSizes = DistributionSummary.builder("liandong.intake.group.size")
                .description("Single reports admitted together in one transaction")
                .register(meters);
        this.groups = properties.groupLanes() == 0
                ? null
                : new GroupCommit<>(
                        properties.groupLanes(),
                        properties.groupSize(),
                        // One user's two requests with one key go in different groups: the second is a retry.
                        s -> s.key() == null ? null : List.of(s.actor().username(), s.key()),
                        this::admitGroup,
                        this::admitAlone,
                        properties.groupWait(),
                        () -> new CannotGetJdbcConnectionException("no intake lane came free within "
                                + properties.groupWait().toSeconds()
                                + " s: every lane of this node is busy (the database is slow or locked)"));
        if (groups != null) {
            Gauge.builder("liandong.intake.waiting", groups, GroupCommit::waiting)
                    .description("Single reports waiting for a transaction to join (every lane busy)")
                    .register(meters);
        }
    }

    /** The answer to a report, and whether it is a stored answer to an earlier identical request. */
    public record Received(IntakeResult result, boolean replayed) {}

    public Received receive(ReportRequest request, @Nullable String idempotencyKey, Actor actor) {
        String key = normaliseKey(idempotencyKey, "Idempotency-Key");
        String hash = hash(request);
        if (key != null) {
            Optional<Received> earlier = earlier(actor, key, hash, request);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Timer.Sample sample = Timer.start(meters);
        Single single = new Single(request, key, hash, actor);
        Received received = groups == null ? admitAlone(single) : groups.submit(single);
        if (!received.replayed()) {
            sample.stop(latency);
            countReceived(request, received.result());
        }
        return received;
    }

    /** Counts a stored report by channel and outcome (a replayed answer is not counted again). */
    private void countReceived(ReportRequest request, IntakeResult result) {
        Counter.builder("liandong.reports.received")
                .description("Reports admitted by this node, by channel and outcome")
                .tag("channel", channelOf(request))
                .tag("outcome", result.outcome())
                .register(meters)
                .increment();
    }

    /** A single report on its way in: what {@link #receive} was given. */
    private record Single(ReportRequest request, @Nullable String key, String hash, Actor actor) {}

    /** Admits and stores one report in its own transaction. */
    private Received admitAlone(Single single) {
        try {
            IntakeResult result =
                    transactions.execute(tx -> admit(single.request(), single.key(), single.hash(), single.actor()));
            return new Received(result, false);
        } catch (DuplicateKeyException race) {
            // Another request with the same key committed first: answer as that one did.
            return earlier(single.actor(), single.key(), single.hash(), single.request())
                    .orElseThrow(() -> race);
        }
    }

    /**
     * Admits single reports that arrived together (possibly from different users) in one
     * transaction, in their order, each as if alone: a later report can join the incident an earlier
     * one opened. A report refused while being checked is answered at once and the others go on. If
     * the transaction fails for one report (refused while admitting, a lost lock, a key race), it is
     * rolled back whole; that report is refused and every other report is admitted alone, in its own
     * transaction, exactly as without groups. If the database cannot be reached, or the failure comes
     * at or after the commit (when the reports may have been stored), all are refused: none is stored
     * twice.
     */
    private void admitGroup(List<GroupCommit.Entry<Single, Received>> group) {
        groupSizes.record(group.size());
        if (group.size() == 1) {
            GroupCommit.Entry<Single, Received> only = group.get(0);
            try {
                only.answer(admitAlone(only.item()));
            } catch (RuntimeException refused) {
                only.refuse(refused);
            }
            return;
        }
        Instant now = clock.instant();
        Map<GroupCommit.Entry<Single, Received>, Prepared> prepared = new IdentityHashMap<>();
        List<GroupCommit.Entry<Single, Received>> admitted = new ArrayList<>();
        for (GroupCommit.Entry<Single, Received> entry : group) {
            Single single = entry.item();
            try {
                prepared.put(entry, prepare(single.request(), single.key(), single.hash(), now));
                admitted.add(entry);
            } catch (RuntimeException refused) {
                entry.refuse(refused);
            }
        }
        if (admitted.isEmpty()) {
            return;
        }
        List<Received> answers = new ArrayList<>(admitted.size());
        boolean[] written = {false};
        try {
            transactions.executeWithoutResult(tx -> {
                answers.clear();
                incidents.prepareToAdmit(
                        admitted.stream().map(e -> prepared.get(e).facts()).toList());
                for (GroupCommit.Entry<Single, Received> entry : admitted) {
                    try {
                        answers.add(new Received(
                                admit(prepared.get(entry), entry.item().actor()), false));
                    } catch (Problem refused) {
                        throw new RefusedInGroup(entry, refused);
                    }
                }
                // The record entries are written here, not at the commit: a failure to write them is
                // then one the reports can retry alone, like any other failure before the commit.
                records.flush();
                written[0] = true;
            });
        } catch (RefusedInGroup refused) {
            refused.entry.refuse(refused.problem);
            admitted.stream().filter(entry -> entry != refused.entry).forEach(GroupCommit.Entry::alone);
            return;
        } catch (RuntimeException failed) {
            if (written[0] || DatabaseOutage.causedBy(failed)) {
                // Failed at or after the commit (a reply lost, a connection closed under it): the reports
                // may be stored, so none is tried again here; each caller is answered with the failure
                // (503 when the database is to blame) and resends with its key. Or the database is away.
                log.warn(
                        "A group of {} reports from {} failed {} ({}): each answered with the failure",
                        admitted.size(),
                        senders(admitted),
                        written[0] ? "at its commit" : "to reach the database",
                        failed.getClass().getSimpleName());
                admitted.forEach(entry -> entry.refuse(failed));
            } else {
                log.info(
                        "A group of {} reports from {} could not be admitted together ({}): each goes alone",
                        admitted.size(),
                        senders(admitted),
                        failed.getClass().getSimpleName());
                admitted.forEach(GroupCommit.Entry::alone);
            }
            return;
        }
        for (int i = 0; i < admitted.size(); i++) {
            admitted.get(i).answer(answers.get(i));
        }
        log.debug("Admitted {} reports in one transaction", admitted.size());
    }

    /** The users who sent a group's reports, for its log lines. */
    private static List<String> senders(List<GroupCommit.Entry<Single, Received>> group) {
        return group.stream().map(e -> e.item().actor().username()).distinct().toList();
    }

    /** One report of a group was refused while being admitted: the group's transaction is rolled back. */
    private static final class RefusedInGroup extends RuntimeException {

        private final transient GroupCommit.Entry<Single, Received> entry;
        private final Problem problem;

        RefusedInGroup(GroupCommit.Entry<Single, Received> entry, Problem problem) {
            super(problem.getMessage(), problem, false, false);
            this.entry = entry;
            this.problem = problem;
        }
    }

    /** One report of a batch, with its own idempotency key (optional). */
    public record BatchItem(@Nullable String idempotencyKey, ReportRequest report) {}

    /**
     * Receives a batch of reports in one transaction, in their order: every report is admitted and
     * stored, or none is. Reports whose idempotency key this user already used answer as they did
     * then and store nothing new (the same key with another body refuses the batch). A refusal of
     * any report names it ({@code reports[i]}) and leaves nothing written. One transaction and one
     * commit for the whole batch is what makes a batch cheaper per report than single requests.
     */
    public List<Received> receiveAll(List<BatchItem> items, Actor actor) {
        int n = items.size();
        String[] keys = new String[n];
        String[] hashes = new String[n];
        Map<String, Integer> firstUse = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            String key = normaliseKey(items.get(index).idempotencyKey(), "reports[" + index + "].idempotencyKey");
            if (key != null) {
                Integer earlier = firstUse.putIfAbsent(key, i);
                if (earlier != null) {
                    throw Problem.invalid(
                            "reports[" + i + "].idempotencyKey",
                            "repeats the key of reports[" + earlier + "]: each report needs its own",
                            key);
                }
            }
            keys[i] = key;
            hashes[i] = hash(items.get(i).report());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return receiveAll(items, keys, hashes, actor);
            } catch (DuplicateKeyException | PessimisticLockingFailureException | QueryTimeoutException lost) {
                // The whole batch was rolled back. A duplicate key: a concurrent request stored one of
                // these keys first, and the next attempt finds and answers it. A lost lock: the same
                // batch sent twice at once, or two batches joining the same incidents, met in another
                // order. After the last attempt the failure is answered (409, nothing stored).
                if (attempt == BATCH_ATTEMPTS) {
                    throw lost instanceof DuplicateKeyException
                            ? new CannotAcquireLockException(
                                    "requests with the same idempotency keys were being stored at the same moment",
                                    lost)
                            : lost;
                }
                log.warn(
                        "Retrying a batch of {} reports from {} (attempt {} lost to a concurrent request: {})",
                        items.size(),
                        actor.username(),
                        attempt,
                        lost.getClass().getSimpleName());
                pauseBeforeRetry(attempt);
            }
        }
    }

    /**
     * Waits a random 20-200 ms times the attempt before a batch is tried again, so that copies of one
     * batch that lost their locks together do not all meet again at the same moment.
     */
    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(20, 200) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotAcquireLockException("interrupted while waiting to try the batch again", e);
        }
    }

    private List<Received> receiveAll(List<BatchItem> items, String[] keys, String[] hashes, Actor actor) {
        int n = items.size();
        List<String> given = new ArrayList<>();
        for (String key : keys) {
            if (key != null) {
                given.add(key);
            }
        }
        Map<String, ReportStore.KeyUse> used = store.byIdempotencyKeys(actor.username(), given);
        Received[] answers = new Received[n];
        for (int i = 0; i < n; i++) {
            ReportStore.KeyUse earlier = keys[i] == null ? null : used.get(keys[i]);
            if (earlier != null) {
                String key = keys[i];
                String hash = hashes[i];
                ReportRequest report = items.get(i).report();
                answers[i] = at(i, "", () -> replay(key, hash, report, earlier));
            }
        }
        Timer.Sample sample = Timer.start(meters);
        int[] stored = new int[1];
        transactions.executeWithoutResult(tx -> {
            Instant now = clock.instant();
            List<Integer> fresh = new ArrayList<>();
            List<Prepared> prepared = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (answers[i] == null) {
                    int index = i;
                    ReportRequest request = items.get(i).report();
                    prepared.add(at(index, "report.", () -> prepare(request, keys[index], hashes[index], now)));
                    fresh.add(i);
                }
            }
            incidents.prepareToAdmit(prepared.stream().map(Prepared::facts).toList());
            for (int j = 0; j < prepared.size(); j++) {
                Prepared report = prepared.get(j);
                answers[fresh.get(j)] = new Received(at(fresh.get(j), "report.", () -> admit(report, actor)), false);
            }
            stored[0] = prepared.size();
        });
        sample.stop(batchLatency);
        for (int i = 0; i < n; i++) {
            if (!answers[i].replayed()) {
                countReceived(items.get(i).report(), answers[i].result());
            }
        }
        log.info(
                "Received a batch of {} reports from {}: {} stored, {} answered as before",
                n,
                actor.username(),
                stored[0],
                n - stored[0]);
        return List.of(answers);
    }

    /**
     * Runs a step for {@code reports[index]} of a batch; a refusal names that report, and its
     * field errors are prefixed with {@code reports[index].} and {@code prefix}.
     */
    private static <T> T at(int index, String prefix, Supplier<T> step) {
        try {
            return step.get();
        } catch (Problem p) {
            String where = "reports[" + index + "]";
            List<Problem.FieldError> errors = p.fieldErrors().stream()
                    .map(e -> new Problem.FieldError(where + "." + prefix + e.field(), e.message(), e.rejectedValue()))
                    .toList();
            Problem named = new Problem(p.status(), p.type(), p.title(), where + ": " + p.getMessage(), errors);
            named.initCause(p);
            throw named;
        }
    }

    /** Category suggestions for a text, best first. */
    public Classification classify(String text) {
        return catalog.classify(text);
    }

    public IntakeStatistics statistics(Instant from, Instant to) {
        return store.statistics(from, to);
    }

    private Optional<Received> earlier(Actor actor, @Nullable String key, String hash, ReportRequest request) {
        if (key == null) {
            return Optional.empty();
        }
        return store.byIdempotencyKey(actor.username(), key).map(stored -> replay(key, hash, request, stored));
    }

    /** The stored answer to an earlier request with this key, if it had the same body. */
    private Received replay(String key, String hash, ReportRequest request, ReportStore.KeyUse stored) {
        if (!sameRequest(stored.requestHash(), hash, request)) {
            throw Problem.refused(
                    "idempotency-key-reused",
                    "Idempotency-Key " + key + " was already used for a different report (report " + stored.reportId()
                            + ")");
        }
        return new Received(
                json.readValue(stored.response(), IntakeResult.class).withReportId(stored.reportId()), true);
    }

    /** A report checked and classified, not yet admitted or stored. */
    private record Prepared(
            ReportRequest request,
            @Nullable String key,
            String hash,
            Instant now,
            ReportFacts facts,
            Category category,
            @Nullable Suggestion best) {}

    private IntakeResult admit(ReportRequest request, @Nullable String key, String hash, Actor actor) {
        return admit(prepare(request, key, hash, clock.instant()), actor);
    }

    /** Checks, classifies and places a report; writes nothing. */
    private Prepared prepare(ReportRequest request, @Nullable String key, String hash, Instant now) {
        Instant receivedAt = receivedAt(request, now);
        String channel = Channel.parse(request.channel())
                .orElseThrow(() -> Problem.invalid(
                        "channel", "must be one of 110 119 120 12345 12350 WEB APP VIDEO API", request.channel()))
                .code();
        GeoPoint point = point(request);
        if (point != null) {
            requireNearTheCity(point);
        }
        if (point == null && blank(request.address())) {
            throw Problem.invalid("address", "an address or a lat/lon point is required", request.address());
        }
        Classification classification = catalog.classify(request.text());
        Category category = chooseCategory(request, classification);
        Priority priority = request.priority() != null ? request.priority() : category.defaultPriority();
        Severity severity = request.severity() != null ? request.severity() : category.defaultSeverity();
        boolean drill = Boolean.TRUE.equals(request.drill());
        String district = request.districtCode();
        if (district != null) {
            requireCityDistrict(district);
        }
        if (district == null && point != null) {
            district = districts.locate(point).orElse(null);
        }

        ReportFacts facts = new ReportFacts(
                channel,
                receivedAt,
                category.code(),
                priority,
                severity,
                trim(request.address()),
                point,
                district,
                request.text().strip(),
                drill,
                request.externalRef(),
                request.mergeInto());
        return new Prepared(
                request, key, hash, now, facts, category, classification.best().orElse(null));
    }

    /** Admits a prepared report (opens, merges or diverts) and stores it, in the caller's transaction. */
    private IntakeResult admit(Prepared prepared, Actor actor) {
        ReportRequest request = prepared.request();
        ReportFacts facts = prepared.facts();
        Category category = prepared.category();
        Suggestion best = prepared.best();
        String key = prepared.key();
        Priority priority = facts.priority();
        Severity severity = facts.severity();
        Admission admission = incidents.admit(facts, actor);
        // The answer is stored with the report for retries with the same key; its id is the row's.
        IntakeResult answer = new IntakeResult(
                0,
                admission.outcome().name(),
                admission.incidentId(),
                category.code(),
                category.nameZh(),
                best == null ? null : new IntakeResult.Suggested(best.category(), best.confidence()),
                priority.name(),
                severity.name(),
                admission.plan(),
                admission.taskIds(),
                admission.leaderNotified());
        long reportId = store.insert(new ReportStore.NewReport(
                facts.channel(),
                facts.receivedAt(),
                trim(request.callerNumber()),
                trim(request.callerName()),
                facts.address(),
                facts.point(),
                facts.districtCode(),
                facts.text(),
                category.code(),
                best == null ? null : best.category(),
                best == null ? null : best.confidence(),
                priority,
                severity,
                admission.outcome().name(),
                admission.incidentId(),
                facts.drill(),
                request.externalRef(),
                actor.username(),
                prepared.now(),
                key,
                prepared.hash(),
                key == null ? null : json.writeValueAsString(answer)));

        IntakeResult result = answer.withReportId(reportId);
        log.info(
                "Received report {} on channel {} from {}: {} incident {} ({})",
                reportId,
                facts.channel(),
                Masking.phone(request.callerNumber()),
                admission.outcome(),
                admission.incidentId(),
                category.code());
        return result;
    }

    /**
     * A 6-digit county-level division of the center's city, or a 9-digit township of one as the
     * NBS 2023 division list has it; anything else is refused like a district outside the city.
     */
    /**
     * A point far outside the city is a wrong point (0,0, another city, latitude and longitude
     * swapped), not a call the hall can send anyone to: refused, naming how far it is. A call from
     * just across the border is kept (the hall hands it over), so the limit is generous.
     */
    private void requireNearTheCity(GeoPoint point) {
        double outside = districts.kilometresOutside(point);
        double limit = properties.maxKilometresOutsideCity();
        if (outside > limit) {
            double[] box = districts.box();
            throw Problem.invalid(
                    "lat",
                    String.format(
                            Locale.ROOT,
                            "the point is about %.0f km outside the city (its districts lie within %.2f–%.2f N,"
                                    + " %.2f–%.2f E); a point more than %.0f km outside is refused: check the"
                                    + " coordinates (WGS-84 degrees, lat north, lon east)",
                            outside,
                            box[0],
                            box[1],
                            box[2],
                            box[3],
                            limit),
                    point.lat() + "," + point.lon());
        }
    }

    private void requireCityDistrict(String code) {
        String county = code.length() < 6 ? code : code.substring(0, 6);
        if (!agencies.isCountyOfTheCity(county)) {
            throw unknownDistrict(
                    code,
                    "is not a district or county of this center's city",
                    "(one of " + String.join(" ", agencies.countyCodes()) + ")");
        }
        if (code.length() > 6 && !agencies.isTownshipOfTheCity(code)) {
            throw unknownDistrict(
                    code,
                    "is not a township of county " + county + " in the NBS 2023 division list",
                    "(a county's own 6-digit code is accepted)");
        }
    }

    private static Problem unknownDistrict(String code, String message, String hint) {
        return new Problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "unknown-district",
                "Refused",
                "districtCode " + code + " " + message + " " + hint,
                List.of(new Problem.FieldError("districtCode", message, code)));
    }

    private Category chooseCategory(ReportRequest request, Classification classification) {
        if (!blank(request.category())) {
            return catalog.find(request.category().strip())
                    .orElseThrow(() -> Problem.invalid("category", "unknown category", request.category()));
        }
        Optional<Suggestion> best = classification.best().filter(s -> s.confidence() >= properties.minConfidence());
        String code = best.map(Suggestion::category).orElse(properties.fallbackCategory());
        return catalog.find(code)
                .orElseThrow(() -> new IllegalStateException("fallback category " + code + " is not in the catalog"));
    }

    private static Instant receivedAt(ReportRequest request, Instant now) {
        Instant at = request.receivedAt();
        if (at == null) {
            return now;
        }
        if (at.isAfter(now.plus(FUTURE_SKEW))) {
            throw Problem.invalid("receivedAt", "must not be in the future (now " + now + ")", at.toString());
        }
        if (at.isBefore(EARLIEST)) {
            throw Problem.invalid("receivedAt", "must not be before " + EARLIEST, at.toString());
        }
        return at;
    }

    private static @Nullable GeoPoint point(ReportRequest request) {
        if (request.lat() == null && request.lon() == null) {
            return null;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.lat() == null) {
            errors.add(new Problem.FieldError("lat", "lat and lon come together", null));
        }
        if (request.lon() == null) {
            errors.add(new Problem.FieldError("lon", "lat and lon come together", null));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        try {
            return new GeoPoint(request.lat(), request.lon());
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("lat/lon", e.getMessage(), request.lat() + "," + request.lon());
        }
    }

    /**
     * SHA-256 of the request's JSON: every field counts, {@code mergeInto} too; absent fields are
     * left out, and so is a field given with the value its absence means ({@code "drill": false}),
     * so that both forms of one report are the same request.
     */
    private String hash(ReportRequest request) {
        return Sha256.hex(json.writeValueAsBytes(withoutDefaults(request)));
    }

    /**
     * Whether {@code storedHash} is the hash of {@code request} or of an equivalent form of it:
     * before {@code "drill": false} was left out, a request that gave it was stored with a hash of
     * it spelt out, and its retry without the field (or with it) is still the same request.
     */
    private boolean sameRequest(String storedHash, String hash, ReportRequest request) {
        if (storedHash.equals(hash)) {
            return true;
        }
        if (Boolean.TRUE.equals(request.drill())) {
            return false;
        }
        ReportRequest spelt = withDrill(request, false);
        return storedHash.equals(Sha256.hex(json.writeValueAsBytes(spelt)));
    }

    /** The request with every field that has its default value left out. */
    private static ReportRequest withoutDefaults(ReportRequest request) {
        return Boolean.FALSE.equals(request.drill()) ? withDrill(request, null) : request;
    }

    private static ReportRequest withDrill(ReportRequest r, @Nullable Boolean drill) {
        return new ReportRequest(
                r.channel(),
                r.receivedAt(),
                r.callerNumber(),
                r.callerName(),
                r.address(),
                r.lat(),
                r.lon(),
                r.districtCode(),
                r.text(),
                r.category(),
                r.priority(),
                r.severity(),
                drill,
                r.externalRef(),
                r.mergeInto());
    }

    private static @Nullable String normaliseKey(@Nullable String key, String field) {
        if (key == null || key.isBlank()) {
            return null;
        }
        String stripped = key.strip();
        if (stripped.length() > 200) {
            throw Problem.invalid(field, "must be at most 200 characters", stripped.length() + " chars");
        }
        // HTTP headers arrive as ISO-8859-1: anything beyond printable ASCII would be stored garbled.
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw Problem.invalid(
                        field, "must be printable ASCII without spaces (letters, digits, - _ . : and the like)", null);
            }
        }
        return stripped;
    }

    private static String channelOf(ReportRequest request) {
        return Channel.parse(request.channel()).map(Channel::code).orElse("unknown");
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static @Nullable String trim(@Nullable String s) {
        return blank(s) ? null : s.strip();
    }
}
