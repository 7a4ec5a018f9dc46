package io.liandong.agency;

import io.liandong.testing.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link AgencyDeactivationScenarios} on an in-memory H2 database in PostgreSQL mode. */
class AgencyDeactivationH2IntegrationTests extends AgencyDeactivationScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }
}
