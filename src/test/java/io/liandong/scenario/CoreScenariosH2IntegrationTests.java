package io.liandong.scenario;

import io.liandong.testing.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The core scenarios on the embedded H2 database. */
class CoreScenariosH2IntegrationTests extends CoreScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }
}
