package io.liandong.deployment;

import io.liandong.testing.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ReferenceDeploymentScenarios} on an in-memory H2 database in PostgreSQL mode. */
class ReferenceDeploymentH2IntegrationTests extends ReferenceDeploymentScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }
}
