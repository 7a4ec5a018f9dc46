package io.liandong.durability;

import static io.liandong.testing.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.interop.Brokers;
import io.liandong.testing.Api;
import io.liandong.testing.Api.Answer;
import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 4's durability promise, against the real thing: the built application in a JVM of its
 * own on PostgreSQL, killed with SIGKILL ({@code Process.destroyForcibly()}) in the middle of a
 * load five times over, while clients keep retrying what was not answered with the same
 * idempotency key. In the end no acknowledged report is missing, no report is stored twice, and
 * every record entry written reached Kafka through the outbox.
 */
@RequiresPostgres
class KillNineDurabilityIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(KillNineDurabilityIntegrationTests.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PASSWORD = "admin-Secret-123";
    private static final int CYCLES = 5;
    private static final int CLIENTS = 4;
    /** Answers a cycle waits for before the kill is timed, so that every kill lands mid-load. */
    private static final int WARM = 5;

    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Process> processes = new ArrayList<>();
    private EmbeddedKafkaKraftBroker broker;

    @AfterEach
    void stopEverything() {
        processes.forEach(Process::destroyForcibly);
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    @DisplayName("killed -9 five times mid-load: zero acknowledged reports lost, zero stored twice, no entry lost")
    void survivesKillNineMidLoad() throws Exception {
        broker = Brokers.start();
        String schema = Databases.freshPostgresSchema();
        Path home = Files.createTempDirectory("liandong-kill-nine");
        Path logs = Files.createDirectories(Path.of("target", "kill-nine"));

        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Integer> outstanding = new ConcurrentLinkedQueue<>();
        AtomicInteger fresh = new AtomicInteger();
        int kills = 0;
        List<Integer> answeredPerCycle = new ArrayList<>();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            int port = freePort();
            Process node = start(schema, home, port, logs.resolve("cycle-" + cycle + ".log"));
            waitForHealth(node, port, logs.resolve("cycle-" + cycle + ".log"));
            int before = acknowledged.size();
            long loadFor = ThreadLocalRandom.current().nextLong(300, 1500);
            load(port, acknowledged, outstanding, fresh, loadFor, node);
            kills++;
            answeredPerCycle.add(acknowledged.size() - before);
            log.info(
                    "Cycle {}: killed {} ms after the first answers; {} answered in this cycle, {} unanswered",
                    cycle,
                    loadFor,
                    acknowledged.size() - before,
                    outstanding.size());
        }

        int port = freePort();
        Process last = start(schema, home, port, logs.resolve("final.log"));
        waitForHealth(last, port, logs.resolve("final.log"));
        Api api = Api.as(port, "admin", ADMIN_PASSWORD);
        for (Integer i = outstanding.poll(); i != null; i = outstanding.poll()) {
            Answer answer = api.post("/api/reports", report(i), Map.of("Idempotency-Key", key(i)));
            assertThat(answer.status()).as(key(i) + ": " + answer.text()).isIn(200, 201);
            remember(acknowledged, i, answer);
        }

        assertThat(kills).isEqualTo(CYCLES);
        assertThat(answeredPerCycle)
                .as("reports answered in each cycle before its kill")
                .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(WARM));
        Map<String, List<Long>> stored = storedReports(schema);
        assertThat(stored.values()).as("reports stored twice").allSatisfy(ids -> assertThat(ids)
                .hasSize(1));
        assertThat(stored).as("every report sent is stored, none twice").hasSize(fresh.get());
        acknowledged.forEach((key, reportId) ->
                assertThat(stored.get(key)).as("acknowledged " + key).containsExactly(reportId));

        waitUntilOutboxEmpty(schema);
        Set<Long> entries = new HashSet<>(ids(schema, "SELECT id FROM incident_event"));
        Set<Long> published = new HashSet<>();
        for (ConsumerRecord<String, String> message :
                Brokers.read(broker, Brokers.RECORD, Integer.MAX_VALUE, Duration.ofSeconds(10))) {
            published.add(JSON.readTree(message.value()).get("id").asLong());
        }
        assertThat(published).as("record entries on Kafka").containsAll(entries);
        log.info(
                "{} kills: {} reports sent, {} acknowledged, {} stored once each; {} entries all on Kafka",
                kills,
                fresh.get(),
                acknowledged.size(),
                stored.size(),
                entries.size());
    }

    /**
     * Clients send (outstanding keys first, then new ones); once the node has answered a few, it
     * is killed at a random moment while they keep sending.
     */
    private void load(
            int port,
            Map<String, Long> acknowledged,
            ConcurrentLinkedQueue<Integer> outstanding,
            AtomicInteger fresh,
            long loadForMillis,
            Process node)
            throws Exception {
        Api api = Api.as(port, "admin", ADMIN_PASSWORD);
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                while (!killed.get()) {
                    Integer retry = outstanding.poll();
                    int i = retry != null ? retry : fresh.getAndIncrement();
                    try {
                        Answer answer = api.post("/api/reports", report(i), Map.of("Idempotency-Key", key(i)));
                        if (answer.status() == 200 || answer.status() == 201) {
                            remember(acknowledged, i, answer);
                            continue;
                        }
                    } catch (RuntimeException connectionLost) {
                        // Not answered: sent again with the same key after the restart.
                    }
                    outstanding.add(i);
                }
            }));
        }
        int before = acknowledged.size();
        long warmDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() < before + WARM && System.nanoTime() < warmDeadline) {
            Thread.sleep(20);
        }
        Thread.sleep(loadForMillis);
        node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        killed.set(true);
        for (Future<?> client : running) {
            client.get(1, TimeUnit.MINUTES);
        }
        clients.shutdown();
    }

    private static void remember(Map<String, Long> acknowledged, int i, Answer answer) {
        Long earlier = acknowledged.put(key(i), answer.id("reportId"));
        assertThat(earlier == null || earlier == answer.id("reportId"))
                .as("two answers for " + key(i) + ": reports " + earlier + " and " + answer.id("reportId"))
                .isTrue();
    }

    private Process start(String schema, Path home, int port, Path logFile) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "io.liandong.LiandongApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + Databases.PG_URL + "?currentSchema=" + schema,
                "--spring.datasource.username=" + Databases.PG_USER,
                "--spring.datasource.password=",
                "--spring.flyway.schemas=" + schema,
                "--liandong.home=" + home,
                "--liandong.node-id=durable-node",
                "--liandong.scheduling.enabled=false",
                "--liandong.security.admin-password=" + ADMIN_PASSWORD,
                "--liandong.security.demo-password=demo-Secret-123",
                "--liandong.kafka.enabled=true",
                "--liandong.kafka.outbox-sweep-interval=PT2S",
                "--liandong.kafka.outbox-stale-after=PT5S",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.output.ansi.enabled=never",
                "--logging.level.org.apache.kafka=WARN");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        processes.add(process);
        return process;
    }

    private static void waitForHealth(Process node, int port, Path logFile) throws Exception {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) {
                throw new AssertionError("the node exited with " + node.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<String> answer = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the node did not report UP within " + START_LIMIT + "; see " + logFile);
    }

    private static Map<String, List<Long>> storedReports(String schema) throws Exception {
        Map<String, List<Long>> stored = new HashMap<>();
        try (Connection c = connect(schema);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT idempotency_key, id FROM report WHERE idempotency_key LIKE 'k9-%'")) {
            while (rs.next()) {
                stored.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        return stored;
    }

    private static void waitUntilOutboxEmpty(String schema) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            long left = ids(schema, "SELECT COUNT(*) FROM event_publication").get(0);
            if (left == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(left + " outbox publications still unsent after 60 s");
            }
            Thread.sleep(250);
        }
    }

    private static List<Long> ids(String schema, String sql) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = connect(schema);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static Connection connect(String schema) throws Exception {
        return DriverManager.getConnection(Databases.PG_URL + "?currentSchema=" + schema, Databases.PG_USER, "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String key(int i) {
        return "k9-" + i;
    }

    private static Map<String, Object> report(int i) {
        return map(
                "channel",
                "110",
                "address",
                "双塔区持久路 " + i + " 号",
                "lat",
                41.20 + (i % 50) * 0.01,
                "lon",
                119.60 + (i / 50 % 40) * 0.02,
                "text",
                "楼道里燃气味很重，怀疑泄漏",
                "category",
                "ACC-GAS-LEAK");
    }
}
