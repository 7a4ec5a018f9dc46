package io.liandong.interop;

import static io.liandong.testing.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.testing.Api;
import io.liandong.testing.Api.Answer;
import io.liandong.testing.Databases;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One node with the bridge on (H2, an in-process Kafka broker): outbox out, consumer in, dead letters. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=" + KafkaBridgeIntegrationTests.ADMIN_PASSWORD,
            "liandong.security.demo-password=" + KafkaBridgeIntegrationTests.DEMO_PASSWORD,
            "liandong.home=target/test-home-interop",
            "liandong.kafka.enabled=true",
            "liandong.node-id=" + KafkaBridgeIntegrationTests.NODE,
            "liandong.kafka.backoff=PT0.05S",
            "spring.kafka.consumer.auto-offset-reset=earliest",
            "logging.level.org.apache.kafka=WARN",
            "logging.level.kafka=WARN",
        })
@Import(KafkaBridgeIntegrationTests.Received.class)
@DirtiesContext
class KafkaBridgeIntegrationTests {

    static final String ADMIN_PASSWORD = "admin-Secret-123";
    static final String DEMO_PASSWORD = "demo-Secret-123";
    static final String NODE = "node-a";
    static final String FAILING = "this delivery always fails";

    static final EmbeddedKafkaKraftBroker BROKER = Brokers.start();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Received received;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("applicationTaskExecutor")
    ThreadPoolTaskExecutor asyncPool;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        registry.add("spring.kafka.bootstrap-servers", BROKER::getBrokersAsString);
    }

    /** Collects what the bridge delivers on this node; fails on purpose for one text. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Received {

        /** The broker goes down with the context, after its consumers have stopped. */
        @Bean(destroyMethod = "destroy")
        EmbeddedKafkaKraftBroker embeddedKafka() {
            return BROKER;
        }

        final List<RemoteRecordReceived> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(RemoteRecordReceived event) {
            if (FAILING.equals(event.entry().detail())) {
                throw new IllegalStateException(
                        "the console could not take entry " + event.entry().id());
            }
            events.add(event);
        }

        List<Long> ids() {
            return events.stream().map(e -> e.entry().id()).toList();
        }
    }

    @Test
    @DisplayName("the async pool holds 64 threads: each send waits in one for Kafka's acknowledgement")
    void asyncPoolAllowsManySendsInFlight() {
        assertThat(asyncPool.getCorePoolSize()).isEqualTo(64);
    }

    @Test
    @DisplayName("every record entry of a report leaves through the outbox to liandong.record, keyed by incident")
    void reportEntriesLeaveThroughTheOutbox() {
        Answer answer = report("outbox-1");
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        long incident = answer.id("incidentId");
        List<Long> entryIds = jdbc.sql("SELECT id FROM incident_event WHERE incident_id = ? ORDER BY id")
                .param(incident)
                .query(Long.class)
                .list();
        assertThat(entryIds).isNotEmpty();

        List<ConsumerRecord<String, String>> messages =
                Brokers.read(BROKER, Brokers.RECORD, Integer.MAX_VALUE, Duration.ofSeconds(5));
        List<JsonNode> ofIncident = messages.stream()
                .filter(m -> m.key().equals(String.valueOf(incident)))
                .map(m -> JSON.readTree(m.value()))
                .toList();

        assertThat(ofIncident).extracting(m -> m.get("id").asLong()).containsExactlyInAnyOrderElementsOf(entryIds);
        JsonNode first = ofIncident.stream()
                .filter(m -> m.get("type").asString().equals("INCIDENT_OPENED"))
                .findFirst()
                .orElseThrow();
        assertThat(first.get("originNode").asString()).isEqualTo(NODE);
        assertThat(first.get("center").asString()).isEqualTo("211300");
        assertThat(first.get("incidentId").asLong()).isEqualTo(incident);
        assertThat(first.get("actor").asString()).isEqualTo("admin");
        assertThat(Instant.parse(first.get("recordedAt").asString())).isBeforeOrEqualTo(Instant.now());
        waitUntil(() -> backlog() == 0, "the outbox to empty, still " + backlog());
    }

    @Test
    @DisplayName("an entry from another node is delivered once however often it arrives; own entries are skipped")
    void remoteEntriesAreDeliveredOnceAndOwnAreSkipped() {
        RecordMessage remote = message(8_000_001L, "node-b", null);
        Brokers.send(BROKER, Brokers.RECORD, "77", JSON.writeValueAsBytes(remote));
        Brokers.send(BROKER, Brokers.RECORD, "77", JSON.writeValueAsBytes(remote));
        Brokers.send(BROKER, Brokers.RECORD, "77", JSON.writeValueAsBytes(message(8_000_002L, NODE, null)));
        Brokers.send(BROKER, Brokers.RECORD, "77", JSON.writeValueAsBytes(message(8_000_003L, "node-b", null)));

        waitUntil(() -> received.ids().contains(8_000_003L), "entry 8000003 to arrive");

        assertThat(received.ids()).containsOnlyOnce(8_000_001L).doesNotContain(8_000_002L);
        RemoteRecordReceived first = received.events.stream()
                .filter(e -> e.entry().id() == 8_000_001L)
                .findFirst()
                .orElseThrow();
        assertThat(first.originNode()).isEqualTo("node-b");
        assertThat(first.entry()).isEqualTo(remote.entry());
    }

    @Test
    @DisplayName("a message that is not a record entry goes to the dead-letter topic and table at once (GH-4)")
    void unreadableMessageIsDeadLettered() {
        double before = deadLetterCount();
        byte[] garbage = "{not json at all".getBytes(StandardCharsets.UTF_8);
        Brokers.send(BROKER, Brokers.RECORD, "garbage-key", garbage);
        Brokers.send(BROKER, Brokers.RECORD, "78", JSON.writeValueAsBytes(message(8_000_011L, "node-b", null)));

        waitUntil(() -> received.ids().contains(8_000_011L), "the next message to be delivered");
        waitUntil(() -> deadLetterCount() == before + 1, "the dead-letter counter");

        List<ConsumerRecord<String, String>> dead =
                Brokers.read(BROKER, Brokers.DEAD_LETTERS, Integer.MAX_VALUE, Duration.ofSeconds(3));
        assertThat(dead).anySatisfy(m -> {
            assertThat(m.key()).isEqualTo("garbage-key");
            assertThat(m.value()).isEqualTo("{not json at all");
        });
        Answer listed = Api.as(port, "admin", ADMIN_PASSWORD).get("/api/interop/dead-letters");
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        JsonNode row = stream(listed.json())
                .filter(n -> "garbage-key".equals(n.get("key").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(row.get("payload").asString()).isEqualTo("{not json at all");
        assertThat(row.get("error").asString()).startsWith("unreadable:");
        assertThat(row.get("node").asString()).isEqualTo(NODE);
        assertThat(row.get("deadLetterTopic").asString()).isEqualTo(Brokers.DEAD_LETTERS);
    }

    @Test
    @DisplayName("a delivery that keeps failing is tried three times, then dead-lettered; later messages still flow")
    void failingDeliveryIsDeadLetteredAfterRetries() {
        double before = deadLetterCount();
        Brokers.send(BROKER, Brokers.RECORD, "79", JSON.writeValueAsBytes(message(8_000_021L, "node-b", FAILING)));
        Brokers.send(BROKER, Brokers.RECORD, "79", JSON.writeValueAsBytes(message(8_000_022L, "node-b", null)));

        waitUntil(() -> received.ids().contains(8_000_022L), "the next message to be delivered");
        waitUntil(() -> deadLetterCount() == before + 1, "the dead-letter counter");

        String error = jdbc.sql("SELECT error FROM dead_letter WHERE message_key = '79'")
                .query(String.class)
                .single();
        assertThat(error).contains("could not take entry 8000021");
        assertThat(received.ids()).doesNotContain(8_000_021L);
    }

    @Test
    @DisplayName("dead letters are for administrators only; the limit is checked")
    void deadLettersAreForAdministratorsOnly() {
        assertThat(Api.as(port, "calltaker", DEMO_PASSWORD)
                        .get("/api/interop/dead-letters")
                        .status())
                .isEqualTo(403);
        assertThat(Api.as(port, "admin", ADMIN_PASSWORD)
                        .get("/api/interop/dead-letters?limit=0")
                        .status())
                .isEqualTo(400);
    }

    private Answer report(String key) {
        return Api.as(port, "admin", ADMIN_PASSWORD)
                .post(
                        "/api/reports",
                        map(
                                "channel", "119",
                                "address", "双塔区友谊大街 8 号",
                                "lat", 41.5718,
                                "lon", 120.4507,
                                "text", "居民楼三层厨房起火，有浓烟",
                                "category", "ACC-FIRE-BUILDING"),
                        java.util.Map.of("Idempotency-Key", key));
    }

    private static RecordMessage message(long id, String origin, String detail) {
        Instant now = Instant.now();
        return new RecordMessage(
                id, 77, now, now, "commander", null, "NOTE_ADDED", null, null, null, detail, "211300", origin);
    }

    private long backlog() {
        return jdbc.sql("SELECT COUNT(*) FROM event_publication")
                .query(Long.class)
                .single();
    }

    private double deadLetterCount() {
        var counter = meters.find("liandong.interop.dead.letters").counter();
        return counter == null ? 0 : counter.count();
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        Set<JsonNode> nodes = new java.util.LinkedHashSet<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }

    static void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
