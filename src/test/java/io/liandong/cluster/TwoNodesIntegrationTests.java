package io.liandong.cluster;

import static io.liandong.testing.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.interop.Brokers;
import io.liandong.testing.Api;
import io.liandong.testing.Api.Answer;
import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two Liandong nodes in this JVM on one PostgreSQL schema and an in-process KRaft Kafka broker
 * (issue 4): what happens on node A reaches node B through the outbox, and stays exactly once
 * when node A is stopped in the middle of a load and clients retry with their idempotency keys.
 */
@RequiresPostgres
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(TwoNodesIntegrationTests.class);
    private static final int LOAD = 300;
    private static final int CLIENTS = 4;
    private static final String[][] KINDS = {
        {"119", "ACC-FIRE-BUILDING", "居民楼厨房起火，有浓烟"},
        {"110", "ACC-GAS-LEAK", "楼道里燃气味很重，怀疑泄漏"},
        {"120", "ACC-ROAD-CRASH", "两车相撞，有人受伤"},
        {"110", "ACC-FIRE-VEHICLE", "路边一辆轿车起火"},
    };

    static EmbeddedKafkaKraftBroker broker;
    static String schema;
    static String jdbcUrl;
    static Path homes;
    static Node a;
    static Node b;

    @BeforeAll
    static void startTwoNodes() throws IOException {
        broker = Brokers.start();
        schema = Databases.freshPostgresSchema();
        jdbcUrl = Databases.PG_URL + "?currentSchema=" + schema;
        homes = Files.createTempDirectory("liandong-two-nodes");
        a = startA();
        b = Node.start("node-b", jdbcUrl, schema, broker.getBrokersAsString(), homes.resolve("b"));
        waitUntil(b::consuming, Duration.ofSeconds(60), "node B's consumer to get its partitions");
    }

    @AfterAll
    static void stop() {
        for (Node node : new Node[] {a, b}) {
            if (node != null && node.context.isActive()) {
                node.context.close();
            }
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    @Order(1)
    @DisplayName("an incident opened on node A arrives on node B, every entry of its record once")
    void incidentOpenedOnNodeAArrivesOnNodeB() {
        Answer answer = Api.as(a.port(), "admin", Node.ADMIN_PASSWORD)
                .post("/api/reports", report(0), Map.of("Idempotency-Key", "first"));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        long incident = answer.id("incidentId");

        List<Long> entries = jdbc().sql("SELECT id FROM incident_event WHERE incident_id = ? ORDER BY id")
                .param(incident)
                .query(Long.class)
                .list();
        assertThat(entries).hasSizeGreaterThanOrEqualTo(2);
        waitUntil(
                () -> b.delivered.keySet().containsAll(entries),
                Duration.ofSeconds(30),
                "entries " + entries + " on node B");
        entries.forEach(id -> assertThat(b.delivered.get(id).get())
                .as("deliveries of entry " + id)
                .isEqualTo(1));
        assertThat(a.delivered).as("node A skips its own entries").isEmpty();
    }

    @Test
    @Order(2)
    @DisplayName("node A stopped mid-load: every acknowledged report stored once, every entry on node B once")
    void nodeAStoppedMidLoad() throws Exception {
        Map<Integer, Long> acknowledged = new ConcurrentHashMap<>();
        Set<Integer> unanswered = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        Api api = Api.as(a.port(), "admin", Node.ADMIN_PASSWORD);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < LOAD; i = next.getAndIncrement()) {
                    send(api, i, acknowledged, unanswered);
                }
            }));
        }
        waitUntil(() -> acknowledged.size() >= LOAD / 3, Duration.ofSeconds(120), "a third of the load");
        Thread stopper = new Thread(a.context::close, "stop-node-a");
        stopper.start();
        for (Future<?> client : running) {
            client.get(3, TimeUnit.MINUTES);
        }
        clients.shutdown();
        stopper.join(TimeUnit.MINUTES.toMillis(1));
        log.info("Node A stopped: {} reports acknowledged, {} unanswered", acknowledged.size(), unanswered.size());
        assertThat(unanswered).as("reports sent after node A went away").isNotEmpty();

        a = startA();
        Api retry = Api.as(a.port(), "admin", Node.ADMIN_PASSWORD);
        for (int i : new TreeSet<>(unanswered)) {
            Answer answer = retry.post("/api/reports", report(i), Map.of("Idempotency-Key", key(i)));
            assertThat(answer.status()).as(key(i) + ": " + answer.text()).isIn(200, 201);
            acknowledged.put(i, answer.id("reportId"));
        }

        assertThat(acknowledged).hasSize(LOAD);
        JdbcClient jdbc = jdbc();
        Map<String, Long> stored = new ConcurrentHashMap<>();
        jdbc.sql("SELECT idempotency_key, id FROM report WHERE idempotency_key LIKE 'load-%'")
                .query(rs -> {
                    Long earlier = stored.put(rs.getString(1), rs.getLong(2));
                    assertThat(earlier)
                            .as("key " + rs.getString(1) + " stored twice")
                            .isNull();
                });
        assertThat(stored).hasSize(LOAD);
        acknowledged.forEach(
                (i, reportId) -> assertThat(stored.get(key(i))).as(key(i)).isEqualTo(reportId));

        List<Long> entries = jdbc.sql("SELECT id FROM incident_event ORDER BY id").query(Long.class).stream()
                .filter(id -> !b.written.contains(id))
                .toList();
        waitUntil(
                () -> b.delivered.keySet().containsAll(entries),
                Duration.ofSeconds(90),
                "all " + entries.size() + " entries on node B (" + b.delivered.size() + " so far, missing "
                        + missing(entries) + ")");
        assertThat(b.delivered.keySet()).containsAll(entries);
        assertThat(b.delivered.keySet()).as("node B's own entries").noneMatch(b.written::contains);
        b.delivered.forEach((id, count) ->
                assertThat(count.get()).as("deliveries of entry " + id).isEqualTo(1));
        log.info("{} record entries reached node B exactly once", entries.size());
    }

    private static List<Long> missing(List<Long> entries) {
        return entries.stream()
                .filter(id -> !b.delivered.containsKey(id))
                .limit(20)
                .toList();
    }

    private static Node startA() {
        return Node.start("node-a", jdbcUrl, schema, broker.getBrokersAsString(), homes.resolve("a"));
    }

    private static void send(Api api, int i, Map<Integer, Long> acknowledged, Set<Integer> unanswered) {
        try {
            Answer answer = api.post("/api/reports", report(i), Map.of("Idempotency-Key", key(i)));
            if (answer.status() == 200 || answer.status() == 201) {
                acknowledged.put(i, answer.id("reportId"));
            } else {
                unanswered.add(i);
            }
        } catch (RuntimeException connectionLost) {
            unanswered.add(i);
        }
    }

    private static String key(int i) {
        return "load-" + i;
    }

    /** Report i: one of four kinds, at its own place, so that reports open incidents rather than merge. */
    private static Map<String, Object> report(int i) {
        String[] kind = KINDS[i % KINDS.length];
        return map(
                "channel",
                kind[0],
                "address",
                "双塔区测试路 " + i + " 号",
                "lat",
                41.20 + (i % 50) * 0.01,
                "lon",
                119.60 + (i / 50) * 0.02,
                "text",
                kind[2],
                "category",
                kind[1]);
    }

    private static JdbcClient jdbc() {
        return b.context.getBean(JdbcClient.class);
    }

    static void waitUntil(BooleanSupplier condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + within + " waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
