package io.liandong.plan;

import io.liandong.testing.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PlanApiScenarios} on an in-memory H2 database in PostgreSQL mode. */
class PlanApiH2IntegrationTests extends PlanApiScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }
}
