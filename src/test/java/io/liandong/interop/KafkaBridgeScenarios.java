package io.liandong.interop;

import static io.liandong.testing.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liandong.record.NewEntry;
import io.liandong.record.RecordAppended;
import io.liandong.record.RecordCommitted;
import io.liandong.record.RecordEntry;
import io.liandong.record.RecordService;
import io.liandong.testing.Api;
import io.liandong.testing.Api.Answer;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.messaging.Message;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One node with the bridge on and an in-process Kafka broker: the outbox out (one publication per
 * transaction, one message per entry), the consumer in, dead letters. Run on H2 and PostgreSQL.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=" + KafkaBridgeScenarios.ADMIN_PASSWORD,
            "liandong.security.demo-password=" + KafkaBridgeScenarios.DEMO_PASSWORD,
            "liandong.home=target/test-home-interop",
            "liandong.kafka.enabled=true",
            "liandong.node-id=" + KafkaBridgeScenarios.NODE,
            "liandong.kafka.backoff=PT0.05S",
            "liandong.kafka.outbox-sweep-interval=PT1S",
            "spring.kafka.consumer.auto-offset-reset=earliest",
            "logging.level.org.apache.kafka=WARN",
            "logging.level.kafka=WARN",
        })
@Import(KafkaBridgeScenarios.Received.class)
@DirtiesContext
abstract class KafkaBridgeScenarios {

    static final String ADMIN_PASSWORD = "admin-Secret-123";
    static final String DEMO_PASSWORD = "demo-Secret-123";
    static final String NODE = "node-a";
    static final String FAILING = "this delivery always fails";

    /** The fields of a message as docs/events.md lists them for subscribers; a null one is left out. */
    static final Set<String> FIELDS = Set.of(
            "id",
            "incidentId",
            "occurredAt",
            "recordedAt",
            "actor",
            "seat",
            "type",
            "taskId",
            "agency",
            "reason",
            "detail",
            "center",
            "originNode");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    RecordService records;

    @Autowired
    EventSerializer serializer;

    @Autowired
    Received received;

    @Autowired
    ControlledKafka kafka;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("applicationTaskExecutor")
    ThreadPoolTaskExecutor asyncPool;

    /** Collects what the bridge delivers on this node; fails on purpose for one text. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Received {

        /** The broker goes down with the context, after its consumers have stopped. */
        @Bean(destroyMethod = "destroy")
        EmbeddedKafkaKraftBroker embeddedKafka(@Value("${spring.kafka.bootstrap-servers}") String address) {
            return Brokers.at(address);
        }

        @Bean
        ControlledKafka controlledKafka(KafkaTemplate<?, ?> kafkaTemplate) {
            return new ControlledKafka(kafkaTemplate);
        }

        /** What the outbox sends through: Spring Boot's template, which a test may hold up or make fail. */
        @Bean
        @Primary
        KafkaOperations<Object, Object> controlledKafkaOperations(ControlledKafka controlled) {
            return controlled.operations();
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

    /**
     * Spring Boot's Kafka template with two switches for the outbox's sends: hold them until
     * released (then they go in the order they came), or fail those of some entries (the broker
     * refusing them).
     */
    static final class ControlledKafka implements InvocationHandler {

        private final KafkaTemplate<?, ?> template;
        private final List<Runnable> held = new ArrayList<>();
        private boolean holding;
        private volatile Predicate<RecordMessage> refused = message -> false;

        ControlledKafka(KafkaTemplate<?, ?> template) {
            this.template = template;
        }

        @SuppressWarnings("unchecked")
        KafkaOperations<Object, Object> operations() {
            return (KafkaOperations<Object, Object>) Proxy.newProxyInstance(
                    KafkaOperations.class.getClassLoader(), new Class<?>[] {KafkaOperations.class}, this);
        }

        synchronized void hold() {
            holding = true;
        }

        void release() {
            List<Runnable> sends;
            synchronized (this) {
                holding = false;
                sends = new ArrayList<>(held);
                held.clear();
            }
            sends.forEach(Runnable::run);
        }

        void refuse(Predicate<RecordMessage> which) {
            refused = which;
        }

        void refuseNothing() {
            refused = message -> false;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("send")
                    && args.length == 1
                    && args[0] instanceof Message<?> message
                    && message.getPayload() instanceof RecordMessage entry) {
                return send(message, entry);
            }
            try {
                return method.invoke(template, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private CompletableFuture<?> send(Message<?> message, RecordMessage entry) {
            if (refused.test(entry)) {
                return CompletableFuture.failedFuture(
                        new KafkaException("the test's broker refuses entry " + entry.id()));
            }
            synchronized (this) {
                if (holding) {
                    CompletableFuture<Object> later = new CompletableFuture<>();
                    held.add(() -> template.send(message).whenComplete((sent, failure) -> {
                        if (failure != null) {
                            later.completeExceptionally(failure);
                        } else {
                            later.complete(sent);
                        }
                    }));
                    return later;
                }
            }
            return template.send(message);
        }
    }

    @Test
    @DisplayName("the async pool holds 64 threads: each transaction's sends wait in one for Kafka's acknowledgement")
    void asyncPoolAllowsManySendsInFlight() {
        assertThat(asyncPool.getCorePoolSize()).isEqualTo(64);
    }

    @Test
    @DisplayName(
            "a four-agency plan report: one outbox publication, then one message per record entry, format unchanged")
    void planReportWritesOnePublicationAndOneMessagePerEntry() {
        kafka.hold();
        long incident;
        List<RecordEntry> published;
        try {
            Answer answer = report("outbox-1", "SOC-SUICIDE-GAS", "有人在家中打开燃气阀门轻生，楼道里有煤气味");
            assertThat(answer.status()).as(answer.text()).isEqualTo(201);
            assertThat(answer.json().get("taskIds")).as(answer.text()).hasSize(4);
            incident = answer.id("incidentId");

            List<Map<String, Object>> rows = publications(incident);
            assertThat(rows).as("outbox rows of incident " + incident).hasSize(1);
            assertThat(rows.get(0))
                    .containsEntry("listener_id", "liandong.record.kafka")
                    .containsEntry("event_type", RecordCommitted.class.getName());
            published = serializer
                    .deserialize(rows.get(0).get("serialized_event"), RecordCommitted.class)
                    .entries();
        } finally {
            kafka.release();
        }
        List<Long> stored = records.of(incident).stream().map(RecordEntry::id).toList();
        assertThat(published).extracting(RecordEntry::id).isEqualTo(stored);
        assertThat(stored).hasSizeGreaterThanOrEqualTo(8);

        List<ConsumerRecord<String, String>> messages = messagesOf(incident, stored.size());
        assertThat(messages)
                .as("one message per entry, in the order they were appended")
                .extracting(m -> JSON.readTree(m.value()).get("id").asLong())
                .isEqualTo(stored);
        for (int i = 0; i < messages.size(); i++) {
            ConsumerRecord<String, String> message = messages.get(i);
            JsonNode value = JSON.readTree(message.value());
            assertThat(message.key()).isEqualTo(String.valueOf(incident));
            assertThat(value.propertyNames()).isSubsetOf(FIELDS);
            assertThat(headers(message))
                    .containsExactlyInAnyOrder(
                            Map.entry("__TypeId__", RecordMessage.class.getName()),
                            Map.entry("liandong-origin-node", NODE));
            assertThat(JSON.readValue(message.value(), RecordMessage.class))
                    .isEqualTo(RecordMessage.of(published.get(i), "211300", NODE));
        }
        JsonNode opened = messages.stream()
                .map(m -> JSON.readTree(m.value()))
                .filter(m -> m.get("type").asString().equals("INCIDENT_OPENED"))
                .findFirst()
                .orElseThrow();
        assertThat(opened.get("actor").asString()).isEqualTo("admin");
        assertThat(opened.has("seat")).as("a null field is left out").isFalse();
        waitUntil(() -> backlog() == 0, "the outbox to empty, still " + backlog());
    }

    @Test
    @DisplayName("the publication is written in the appending transaction: rolled back, no row is left, nothing sent")
    void rolledBackTransactionWritesNoPublicationAndSendsNothing() {
        long incident = 9_200_001L;
        AtomicLong inside = new AtomicLong(-1);
        AtomicLong outside = new AtomicLong(-1);
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                    records.append(note(incident, "first of a transaction that fails at its commit"));
                    records.append(note(incident, "second of a transaction that fails at its commit"));
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void beforeCommit(boolean readOnly) {
                            inside.set(publications(incident).size());
                            outside.set(countFromAnotherConnection(incident));
                            throw new IllegalStateException("the test fails this transaction at its commit");
                        }
                    });
                }))
                .hasMessageContaining("fails this transaction");
        assertThat(inside).as("rows the transaction sees before it commits").hasValue(1);
        assertThat(outside).as("rows anyone else sees before it commits").hasValue(0);
        assertThat(publications(incident)).isEmpty();

        transactions.executeWithoutResult(tx -> {
            records.append(note(incident, "appended, then rolled back"));
            tx.setRollbackOnly();
        });
        assertThat(publications(incident)).isEmpty();

        transactions.executeWithoutResult(tx -> records.append(note(incident + 1, "committed")));
        messagesOf(incident + 1, 1);
        assertThat(Brokers.read(broker(), Brokers.RECORD, Integer.MAX_VALUE, Duration.ofSeconds(2)))
                .noneMatch(m -> m.key().equals(String.valueOf(incident)));
    }

    @Test
    @DisplayName("a transaction whose send fails stays in the outbox and is sent again, every entry of it")
    void failedSendStaysInTheOutboxAndIsSentAgain() {
        long incident = 9_300_001L;
        kafka.refuse(message -> "second".equals(message.detail()));
        transactions.executeWithoutResult(tx -> {
            records.append(note(incident, "first"));
            records.append(note(incident, "second"));
            records.append(note(incident, "third"));
        });
        List<Long> ids = records.of(incident).stream().map(RecordEntry::id).toList();
        assertThat(ids).hasSize(3);
        try {
            waitUntil(
                    () -> publications(incident).stream().anyMatch(row -> "FAILED".equals(row.get("status"))),
                    "the publication to be marked failed");
            List<Long> before = idsOf(messagesOf(incident, 2));
            assertThat(before).contains(ids.get(0), ids.get(2)).doesNotContain(ids.get(1));
        } finally {
            kafka.refuseNothing();
        }

        waitUntil(() -> publications(incident).isEmpty(), "the outbox sweep to send the publication again");
        List<Long> sent = idsOf(messagesOf(incident, 5));
        assertThat(sent).filteredOn(ids.get(1)::equals).hasSize(1);
        assertThat(sent).filteredOn(ids.get(0)::equals).hasSizeGreaterThanOrEqualTo(2);
        assertThat(new TreeSet<>(sent)).containsExactlyElementsOf(ids);
    }

    @Test
    @DisplayName("an unsent publication of one entry from the version before is converted by V10 and sent")
    void publicationOfTheEarlierKindIsConvertedAndSent() throws Exception {
        Instant now = Instant.parse("2026-12-04T12:29:01.204Z");
        RecordEntry entry = new RecordEntry(
                9_400_001L, 9_400_001L, now, now, "commander", "C-03", "NOTE_ADDED", null, null, null, "left over");
        failedPublication(
                "org.springframework.modulith.events.support.DelegatingEventExternalizer"
                        + ".externalize(java.lang.Object)",
                new RecordAppended(entry),
                now);

        String migration = new ClassPathResource("db/migration/common/V10__outbox_per_transaction.sql")
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(jdbc.sql(migration).update()).isEqualTo(1);

        waitUntil(() -> publications(entry.incidentId()).isEmpty(), "the converted publication to be sent");
        List<ConsumerRecord<String, String>> messages = messagesOf(entry.incidentId(), 1);
        assertThat(messages).hasSize(1);
        assertThat(JSON.readValue(messages.get(0).value(), RecordMessage.class))
                .isEqualTo(RecordMessage.of(entry, "211300", NODE));
    }

    @Test
    @DisplayName("a publication another node wrote and left unsent is sent here under the writer's id, not this node's")
    void publicationOfADeadNodeIsSentUnderItsWritersId() {
        Instant now = Instant.parse("2026-12-04T12:31:07.512Z");
        RecordEntry entry = new RecordEntry(
                9_400_002L, 9_400_002L, now, now, "commander", "C-03", "NOTE_ADDED", null, null, null, "orphan");
        failedPublication("liandong.record.kafka", new RecordCommitted(List.of(entry), "node-gone"), now);

        waitUntil(() -> publications(entry.incidentId()).isEmpty(), "the dead node's publication to be sent");
        List<ConsumerRecord<String, String>> messages = messagesOf(entry.incidentId(), 1);
        assertThat(messages).hasSize(1);
        assertThat(JSON.readValue(messages.get(0).value(), RecordMessage.class))
                .isEqualTo(RecordMessage.of(entry, "211300", "node-gone"));
    }

    @Test
    @DisplayName("an entry from another node is delivered once however often it arrives; own entries are skipped")
    void remoteEntriesAreDeliveredOnceAndOwnAreSkipped() {
        RecordMessage remote = message(8_000_001L, "node-b", null);
        Brokers.send(broker(), Brokers.RECORD, "77", JSON.writeValueAsBytes(remote));
        Brokers.send(broker(), Brokers.RECORD, "77", JSON.writeValueAsBytes(remote));
        Brokers.send(broker(), Brokers.RECORD, "77", JSON.writeValueAsBytes(message(8_000_002L, NODE, null)));
        Brokers.send(broker(), Brokers.RECORD, "77", JSON.writeValueAsBytes(message(8_000_003L, "node-b", null)));

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
    @DisplayName(
            "a message whose origin header names this node is skipped unread; another node's header changes nothing")
    void ownMessagesAreSkippedByTheirOriginHeader() {
        double deadBefore = deadLetterCount();
        double ownBefore = receivedCount("own");
        byte[] unreadable = "{own, and not json".getBytes(StandardCharsets.UTF_8);
        Brokers.send(broker(), Brokers.RECORD, "80", unreadable, Map.of("liandong-origin-node", NODE));
        Brokers.send(
                broker(),
                Brokers.RECORD,
                "80",
                JSON.writeValueAsBytes(message(8_000_031L, "node-b", null)),
                Map.of("liandong-origin-node", "node-b"));

        waitUntil(() -> received.ids().contains(8_000_031L), "the other node's entry to be delivered");
        assertThat(receivedCount("own")).isEqualTo(ownBefore + 1);
        assertThat(deadLetterCount())
                .as("its own message is not read, so not dead-lettered")
                .isEqualTo(deadBefore);
        var lag = meters.find("liandong.interop.records.lag").timer();
        assertThat(lag).isNotNull();
        assertThat(lag.count()).isPositive();
    }

    @Test
    @DisplayName("a message that is not a record entry goes to the dead-letter topic and table at once (GH-4)")
    void unreadableMessageIsDeadLettered() {
        double before = deadLetterCount();
        byte[] garbage = "{not json at all".getBytes(StandardCharsets.UTF_8);
        Brokers.send(broker(), Brokers.RECORD, "garbage-key", garbage);
        Brokers.send(broker(), Brokers.RECORD, "78", JSON.writeValueAsBytes(message(8_000_011L, "node-b", null)));

        waitUntil(() -> received.ids().contains(8_000_011L), "the next message to be delivered");
        waitUntil(() -> deadLetterCount() == before + 1, "the dead-letter counter");

        List<ConsumerRecord<String, String>> dead =
                Brokers.read(broker(), Brokers.DEAD_LETTERS, Integer.MAX_VALUE, Duration.ofSeconds(3));
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
        Brokers.send(broker(), Brokers.RECORD, "79", JSON.writeValueAsBytes(message(8_000_021L, "node-b", FAILING)));
        Brokers.send(broker(), Brokers.RECORD, "79", JSON.writeValueAsBytes(message(8_000_022L, "node-b", null)));

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

    private EmbeddedKafkaKraftBroker broker() {
        return Brokers.at(brokers);
    }

    private Answer report(String key, String category, String text) {
        return Api.as(port, "admin", ADMIN_PASSWORD)
                .post(
                        "/api/reports",
                        map(
                                "channel",
                                "119",
                                "address",
                                "双塔区友谊大街 8 号",
                                "lat",
                                41.5718,
                                "lon",
                                120.4507,
                                "text",
                                text,
                                "category",
                                category),
                        Map.of("Idempotency-Key", key));
    }

    private static NewEntry note(long incident, String text) {
        return NewEntry.of(incident, Instant.now(), "commander", "C-03", "NOTE_ADDED")
                .detail(text);
    }

    private static RecordMessage message(long id, String origin, String detail) {
        Instant now = Instant.now();
        return new RecordMessage(
                id, 77, now, now, "commander", null, "NOTE_ADDED", null, null, null, detail, "211300", origin);
    }

    /** The outbox rows holding entries of one incident. */
    /** An unsent publication as a node leaves it when its send failed: status FAILED, one attempt. */
    private void failedPublication(String listener, Object event, Instant at) {
        jdbc.sql(
                        """
                        INSERT INTO event_publication (id, listener_id, event_type, serialized_event,
                          publication_date, status, completion_attempts)
                        VALUES (?, ?, ?, ?, ?, 'FAILED', 1)""")
                .params(
                        UUID.randomUUID(),
                        listener,
                        event.getClass().getName(),
                        serializer.serialize(event),
                        Timestamp.from(at))
                .update();
    }

    private List<Map<String, Object>> publications(long incident) {
        return jdbc.sql(
                        """
                        SELECT listener_id, event_type, serialized_event, status FROM event_publication
                        WHERE serialized_event LIKE ?""")
                .param("%\"incidentId\":" + incident + ",%")
                .query()
                .listOfRows();
    }

    /** The same count on a connection of its own, outside the current transaction. */
    private long countFromAnotherConnection(long incident) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE '%\"incidentId\":"
                                + incident + ",%'")) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The messages keyed by an incident, in partition order, once at least {@code expected} have arrived. */
    private List<ConsumerRecord<String, String>> messagesOf(long incident, int expected) {
        String key = String.valueOf(incident);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        waitUntil(
                () -> {
                    found.clear();
                    Brokers.read(broker(), Brokers.RECORD, Integer.MAX_VALUE, Duration.ofMillis(1500)).stream()
                            .filter(m -> key.equals(m.key()))
                            .forEach(found::add);
                    return found.size() >= expected;
                },
                expected + " messages of incident " + incident);
        found.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        return found;
    }

    private static List<Long> idsOf(List<ConsumerRecord<String, String>> messages) {
        return messages.stream()
                .map(m -> JSON.readTree(m.value()).get("id").asLong())
                .toList();
    }

    private static List<Map.Entry<String, String>> headers(ConsumerRecord<?, ?> message) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Header header : message.headers()) {
            headers.add(Map.entry(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
        }
        return headers;
    }

    private long backlog() {
        return jdbc.sql("SELECT COUNT(*) FROM event_publication")
                .query(Long.class)
                .single();
    }

    private double receivedCount(String outcome) {
        var counter = meters.find("liandong.interop.records.received")
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
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
