package io.liandong.intake;

import io.liandong.testing.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Grouped intake on the embedded H2, whose statements wait up to a minute for a row lock (2 s by default). */
class GroupedIntakeH2IntegrationTests extends GroupedIntakeScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry, ";LOCK_TIMEOUT=60000");
    }
}
