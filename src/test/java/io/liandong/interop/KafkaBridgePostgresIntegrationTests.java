package io.liandong.interop;

import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link KafkaBridgeScenarios} on the machine's PostgreSQL server at 127.0.0.1:5432, with a broker of its own. */
@RequiresPostgres
class KafkaBridgePostgresIntegrationTests extends KafkaBridgeScenarios {

    static final EmbeddedKafkaKraftBroker BROKER = Brokers.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
        registry.add("spring.kafka.bootstrap-servers", BROKER::getBrokersAsString);
    }
}
