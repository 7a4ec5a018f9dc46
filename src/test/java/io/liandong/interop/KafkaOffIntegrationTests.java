package io.liandong.interop;

import static io.liandong.testing.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.testing.Api;
import io.liandong.testing.Api.Answer;
import io.liandong.testing.Databases;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A single node without Kafka (the default): the outbox is not engaged and costs intake nothing. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=admin-Secret-123",
            "liandong.security.demo-password=demo-Secret-123",
            "liandong.home=target/test-home-interop-off",
        })
class KafkaOffIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Test
    @DisplayName("without Kafka no event publication registry, externalizer or Kafka client is created")
    void noOutboxWithoutKafka() {
        assertThat(context.getBeanNamesForType(org.springframework.modulith.events.core.EventPublicationRegistry.class))
                .isEmpty();
        assertThat(context.getBeanNamesForType(org.springframework.kafka.core.KafkaTemplate.class))
                .isEmpty();
        assertThat(context.getBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME))
                .isExactlyInstanceOf(SimpleApplicationEventMulticaster.class);
    }

    @Test
    @DisplayName("without Kafka a report writes no outbox rows")
    void reportWritesNoOutboxRows() {
        Answer answer = Api.as(port, "admin", "admin-Secret-123")
                .post(
                        "/api/reports",
                        map(
                                "channel", "119",
                                "address", "双塔区友谊大街 9 号",
                                "lat", 41.5719,
                                "lon", 120.4508,
                                "text", "居民楼厨房起火",
                                "category", "ACC-FIRE-BUILDING"));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM event_publication")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(Api.as(port, "admin", "admin-Secret-123")
                        .get("/api/interop/dead-letters")
                        .json()
                        .size())
                .isZero();
    }
}
