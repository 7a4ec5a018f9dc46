package io.liandong.interop;

import io.liandong.testing.Databases;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link KafkaBridgeScenarios} on an in-memory H2 database in PostgreSQL mode, with a broker of its own. */
class KafkaBridgeH2IntegrationTests extends KafkaBridgeScenarios {

    static final EmbeddedKafkaKraftBroker BROKER = Brokers.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        registry.add("spring.kafka.bootstrap-servers", BROKER::getBrokersAsString);
    }
}
