package io.liandong.scenario;

import io.liandong.testing.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The board and chosen-merge scenarios on the embedded H2 database. */
class BoardH2IntegrationTests extends BoardScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }
}
