package io.liandong.intake;

import static io.liandong.testing.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.testing.Api;
import io.liandong.testing.Api.Answer;
import io.liandong.testing.TestClockConfiguration;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Single reports that arrive while every intake lane is busy are admitted together, in one
 * transaction, and each still gets the answer it would have got alone. One lane here: the test
 * holds it with a report that waits for a row the test has locked, lets the others queue behind
 * it, then lets go, so that the queued reports go as one group. Run on H2 and PostgreSQL.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=" + GroupedIntakeScenarios.PASSWORD,
            "liandong.security.demo-password=" + GroupedIntakeScenarios.PASSWORD,
            "liandong.security.demo-accounts=true",
            "liandong.home=target/test-home",
            "liandong.intake.group-lanes=1",
            "liandong.intake.group-wait=PT6S",
        })
@Import(TestClockConfiguration.class)
abstract class GroupedIntakeScenarios {

    static final String PASSWORD = "group-Secret-123";
    private static final AtomicInteger PLACE = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Clock clock;

    Api callTaker;
    private Api commander;
    private final ExecutorService senders = Executors.newCachedThreadPool();

    @BeforeEach
    void users() {
        callTaker = Api.as(port, "calltaker", PASSWORD);
        commander = Api.as(port, "commander", PASSWORD);
    }

    @AfterEach
    void stop() {
        senders.shutdownNow();
    }

    /** A fresh place for each event, kilometres from the others. */
    static double[] freshPlace() {
        int n = PLACE.incrementAndGet();
        return new double[] {41.30 + (n % 30) * 0.03, 119.70 + (n / 30) * 0.04};
    }

    Map<String, Object> fire(double[] place, int caller) {
        return map(
                "channel", "119",
                "receivedAt", clock.instant().toString(),
                "address", "建平县同一仓库",
                "lat", place[0],
                "lon", place[1] + caller * 0.0001,
                "text", "仓库着火冒浓烟",
                "category", "ACC-FIRE-BUILDING");
    }

    private Map<String, Object> noise(double[] place) {
        return map(
                "channel", "12345",
                "address", "龙城区某小区",
                "lat", place[0],
                "lon", place[1],
                "text", "楼下烧烤店深夜噪音扰民",
                "category", "SVC-NOISE");
    }

    /** Groups recorded so far and the reports in them (the summary's max is a moving window: not used). */
    record Groups(long count, long reports) {
        Groups since(Groups earlier) {
            return new Groups(count - earlier.count, reports - earlier.reports);
        }
    }

    Groups groups() {
        return new Groups(groupSizes().count(), (long) groupSizes().totalAmount());
    }

    private DistributionSummary groupSizes() {
        return meters.get("liandong.intake.group.size").summary();
    }

    private int waiting() {
        Gauge gauge = meters.get("liandong.intake.waiting").gauge();
        return (int) gauge.value();
    }

    /**
     * Opens an incident, locks its row from the test, and sends a report into it: that report takes
     * the only lane and waits for the row. Returns the lock's connection and the waiting answer.
     */
    Held holdTheLane() throws Exception {
        Answer opened = callTaker.post("/api/reports", fire(freshPlace(), 0));
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        long incident = opened.id("incidentId");
        Connection lock = dataSource.getConnection();
        lock.setAutoCommit(false);
        try (PreparedStatement select = lock.prepareStatement("SELECT id FROM incident WHERE id = ? FOR UPDATE")) {
            select.setLong(1, incident);
            select.executeQuery().close();
        }
        long groupsBefore = groupSizes().count();
        Map<String, Object> joining = new LinkedHashMap<>(fire(freshPlace(), 0));
        joining.put("mergeInto", incident);
        Future<Answer> blocked = senders.submit(() -> callTaker.post("/api/reports", joining));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (groupSizes().count() == groupsBefore) {
            assertThat(System.nanoTime())
                    .as("the blocking report took the lane")
                    .isLessThan(deadline);
            Thread.sleep(5);
        }
        return new Held(lock, blocked, incident);
    }

    record Held(Connection lock, Future<Answer> blocked, long incident) {}

    void releaseWhenWaiting(Held held, int reports) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (waiting() < reports) {
            assertThat(System.nanoTime()).as("%d reports queued", reports).isLessThan(deadline);
            Thread.sleep(5);
        }
        held.lock().rollback();
        held.lock().close();
        Answer blocked = held.blocked().get(60, TimeUnit.SECONDS);
        assertThat(blocked.status()).as(blocked.text()).isEqualTo(201);
        assertThat(blocked.str("outcome")).isEqualTo("MERGED");
        assertThat(blocked.id("incidentId")).isEqualTo(held.incident());
    }

    Future<Answer> send(Api who, Map<String, Object> body, Map<String, String> headers) {
        Callable<Answer> post = () -> who.post("/api/reports", body, headers);
        return senders.submit(post);
    }

    private static List<Answer> all(List<Future<Answer>> futures) throws Exception {
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : futures) {
            answers.add(f.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    /** The sum of {@code liandong.reports.received} over its channels and outcomes; each has its description. */
    private double reportsCounted() {
        return meters.find("liandong.reports.received").counters().stream()
                .peek(c -> assertThat(c.getId().getDescription()).isNotBlank())
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
    }

    long reportRows() {
        return jdbc.sql("SELECT COUNT(*) FROM report").query(Long.class).single();
    }

    @Test
    @DisplayName("reports queued behind a busy lane go as one group: one incident per event, each its own answer")
    void queuedReportsGoAsOneGroupAndEachGetsItsOwnAnswer() throws Exception {
        Held held = holdTheLane();
        long rowsBefore = reportRows();
        double countedBefore = reportsCounted();
        Groups before = groups();
        double[] warehouse = freshPlace();
        double[] market = freshPlace();
        List<Future<Answer>> fires = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            fires.add(send(callTaker, fire(warehouse, i), Map.of()));
        }
        List<Future<Answer>> commanderFires = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            commanderFires.add(send(commander, fire(market, i), Map.of()));
        }
        List<Future<Answer>> noises = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            noises.add(send(callTaker, noise(freshPlace()), Map.of()));
        }
        Map<String, Object> outside = new LinkedHashMap<>(noise(freshPlace()));
        outside.put("districtCode", "110101");
        Future<Answer> refused = send(callTaker, outside, Map.of());
        Map<String, Object> keyed = noise(freshPlace());
        String key = "group-" + System.nanoTime();
        Future<Answer> keyedFirst = send(callTaker, keyed, Map.of("Idempotency-Key", key));
        Future<Answer> keyedAgain = send(callTaker, keyed, Map.of("Idempotency-Key", key));

        releaseWhenWaiting(held, 18);

        List<Answer> fireAnswers = all(fires);
        Set<Long> warehouseIncidents = new HashSet<>();
        List<String> outcomes = new ArrayList<>();
        for (Answer a : fireAnswers) {
            assertThat(a.status()).as(a.text()).isEqualTo(201);
            warehouseIncidents.add(a.id("incidentId"));
            outcomes.add(a.str("outcome"));
        }
        assertThat(warehouseIncidents).as("one fire, one incident").hasSize(1);
        assertThat(outcomes).containsOnlyOnce("INCIDENT_OPENED").containsOnly("INCIDENT_OPENED", "MERGED");
        Set<Long> marketIncidents = new HashSet<>();
        for (Answer a : all(commanderFires)) {
            assertThat(a.status()).as(a.text()).isEqualTo(201);
            marketIncidents.add(a.id("incidentId"));
        }
        assertThat(marketIncidents).hasSize(1).doesNotContainAnyElementsOf(warehouseIncidents);
        for (Answer a : all(noises)) {
            assertThat(a.status()).as(a.text()).isEqualTo(201);
            assertThat(a.str("outcome")).isEqualTo("DIVERTED");
        }
        Answer outsideAnswer = refused.get(60, TimeUnit.SECONDS);
        assertThat(outsideAnswer.status()).as(outsideAnswer.text()).isEqualTo(422);
        assertThat(outsideAnswer.json().get("errors").get(0).get("field").asString())
                .isEqualTo("districtCode");
        Answer first = keyedFirst.get(60, TimeUnit.SECONDS);
        Answer again = keyedAgain.get(60, TimeUnit.SECONDS);
        assertThat(List.of(first.status(), again.status())).containsExactlyInAnyOrder(201, 200);
        assertThat(first.id("reportId")).isEqualTo(again.id("reportId"));
        // The 17 queued reports went as one group; the second copy of the keyed report was kept for the next.
        assertThat(groups().since(before)).isEqualTo(new Groups(2, 17 + 1));

        // Every answer is a stored report with that outcome, made by the user who sent it; nothing else was stored.
        assertThat(reportRows() - rowsBefore).isEqualTo(1 + 8 + 3 + 4 + 1);
        assertThat(reportsCounted() - countedBefore)
                .as("liandong_reports_received_total: each stored report once, the replay not again")
                .isEqualTo(1 + 8 + 3 + 4 + 1);
        for (Answer a : fireAnswers) {
            assertStored(a, "calltaker");
        }
        for (Answer a : all(commanderFires)) {
            assertStored(a, "commander");
        }
    }

    private void assertStored(Answer answer, String user) {
        Map<String, Object> row = jdbc.sql("SELECT outcome, incident_id, created_by FROM report WHERE id = ?")
                .param(answer.id("reportId"))
                .query()
                .singleRow();
        assertThat(row.get("outcome")).isEqualTo(answer.str("outcome"));
        assertThat(((Number) row.get("incident_id")).longValue()).isEqualTo(answer.id("incidentId"));
        assertThat(row.get("created_by")).isEqualTo(user);
    }

    @Test
    @DisplayName("a report no lane takes within group-wait: 503 database-unavailable with Retry-After, nothing stored")
    void aReportThatWaitsTooLongForALaneIsRefused() throws Exception {
        Held held = holdTheLane();
        long rowsBefore = reportRows();
        Map<String, Object> late = new LinkedHashMap<>(fire(freshPlace(), 0));

        Answer answer = callTaker.post("/api/reports", late);

        assertThat(answer.status()).as(answer.text()).isEqualTo(503);
        assertThat(answer.str("type")).endsWith("database-unavailable");
        assertThat(answer.headers()).containsKey("retry-after");
        assertThat(waiting()).as("taken back from the queue").isZero();
        releaseWhenWaiting(held, 0);
        assertThat(reportRows() - rowsBefore)
                .as("only the report that held the lane")
                .isEqualTo(1);
    }

    /** What a group of six fires at one warehouse and one other report, queued behind a held lane, got. */
    record GroupAround(Answer other, List<Answer> fires, long rowsBefore, Groups groupsBefore) {}

    /**
     * Holds the only lane, queues three reports of one fire, then {@code other}, then three more of
     * the fire, and lets the lane go when all seven wait: they are taken as one group.
     */
    GroupAround fireGroupAround(Map<String, Object> other) throws Exception {
        Held held = holdTheLane();
        long rowsBefore = reportRows();
        double[] warehouse = freshPlace();
        List<Future<Answer>> fires = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fires.add(send(callTaker, fire(warehouse, i), Map.of()));
        }
        Groups before = groups();
        Future<Answer> answer = send(callTaker, other, Map.of());
        for (int i = 3; i < 6; i++) {
            fires.add(send(callTaker, fire(warehouse, i), Map.of()));
        }
        releaseWhenWaiting(held, 7);
        return new GroupAround(answer.get(60, TimeUnit.SECONDS), all(fires), rowsBefore, before);
    }

    /** Each fire stored with its answer, all in one incident, and nothing else but the lane's holder. */
    private void assertOnlyTheFiresStored(GroupAround group) {
        Set<Long> incidents = new HashSet<>();
        for (Answer a : group.fires()) {
            assertThat(a.status()).as(a.text()).isEqualTo(201);
            incidents.add(a.id("incidentId"));
            assertStored(a, "calltaker");
        }
        assertThat(incidents).as("one fire, one incident").hasSize(1);
        assertThat(reportRows() - group.rowsBefore())
                .as("the report that held the lane and the six fires, not the refused report")
                .isEqualTo(1 + 6);
        assertThat(groups().since(group.groupsBefore()))
                .as("one group of 7; then each went alone")
                .isEqualTo(new Groups(1, 7));
    }

    @Test
    @DisplayName("one report of a group refused while admitting: only it is refused, the others are stored")
    void aReportRefusedWhileAdmittingFailsAloneInItsGroup() throws Exception {
        Map<String, Object> intoNothing = new LinkedHashMap<>(fire(freshPlace(), 0));
        intoNothing.put("mergeInto", 987_654_321L);

        GroupAround group = fireGroupAround(intoNothing);

        assertThat(group.other().status()).as(group.other().text()).isEqualTo(422);
        assertThat(group.other().str("type")).endsWith("merge-target-unknown");
        assertOnlyTheFiresStored(group);
    }

    @Test
    @DisplayName("one report's record entries refused by the database: only it is refused, the others are stored")
    void aReportWhoseEntriesCannotBeWrittenFailsAloneInItsGroup() throws Exception {
        // The database refuses any record entry that quotes this report's words.
        jdbc.sql("ALTER TABLE incident_event ADD CONSTRAINT test_refused_words CHECK (detail NOT LIKE '%拒收词%')")
                .update();
        try {
            Map<String, Object> unwritable = new LinkedHashMap<>(fire(freshPlace(), 0));
            unwritable.put("text", "仓库着火 拒收词");

            GroupAround group = fireGroupAround(unwritable);

            assertThat(group.other().status()).as(group.other().text()).isEqualTo(409);
            assertOnlyTheFiresStored(group);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM report WHERE text LIKE '%拒收词%'")
                            .query(Long.class)
                            .single())
                    .isZero();
        } finally {
            jdbc.sql("ALTER TABLE incident_event DROP CONSTRAINT test_refused_words")
                    .update();
        }
    }
}
