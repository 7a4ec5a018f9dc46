package io.liandong.cluster;

import io.liandong.LiandongApplication;
import io.liandong.interop.RemoteRecordReceived;
import io.liandong.record.RecordAppended;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** One Liandong node started in this JVM, and what the Kafka bridge delivered to it. */
final class Node {

    static final String ADMIN_PASSWORD = "admin-Secret-123";
    static final String DEMO_PASSWORD = "demo-Secret-123";

    final String id;
    final ConfigurableApplicationContext context;
    final Map<Long, AtomicInteger> delivered;
    final Set<Long> written;

    private Node(
            String id, ConfigurableApplicationContext context, Map<Long, AtomicInteger> delivered, Set<Long> written) {
        this.id = id;
        this.context = context;
        this.delivered = delivered;
        this.written = written;
    }

    /** Starts a node on a random port, on the given PostgreSQL schema, with the Kafka bridge on. */
    static Node start(String id, String jdbcUrl, String schema, String brokers, Path home) {
        Map<Long, AtomicInteger> delivered = new ConcurrentHashMap<>();
        Set<Long> written = ConcurrentHashMap.newKeySet();
        ApplicationListener<ApplicationEvent> collector = event -> {
            if (!(event instanceof PayloadApplicationEvent<?> payload)) {
                return;
            }
            if (payload.getPayload() instanceof RemoteRecordReceived received) {
                delivered
                        .computeIfAbsent(received.entry().id(), k -> new AtomicInteger())
                        .incrementAndGet();
            } else if (payload.getPayload() instanceof RecordAppended appended) {
                written.add(appended.entry().id());
            }
        };
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.flyway.schemas=" + schema,
                "--liandong.home=" + home,
                "--liandong.node-id=" + id,
                "--liandong.scheduling.enabled=false",
                "--liandong.security.admin-password=" + ADMIN_PASSWORD,
                "--liandong.security.demo-password=" + DEMO_PASSWORD,
                "--liandong.kafka.enabled=true",
                "--liandong.kafka.outbox-sweep-interval=PT2S",
                "--liandong.kafka.outbox-stale-after=PT10S",
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--logging.level.org.apache.kafka=WARN",
                "--logging.level.kafka=WARN"));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LiandongApplication.class)
                .listeners(collector)
                .run(args.toArray(String[]::new));
        return new Node(id, context, delivered, written);
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Whether this node's consumer has its partitions, so that it sees every message from now on. */
    boolean consuming() {
        MessageListenerContainer container =
                context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("liandong-record-bridge");
        return container != null
                && container.getAssignedPartitions() != null
                && !container.getAssignedPartitions().isEmpty();
    }
}
