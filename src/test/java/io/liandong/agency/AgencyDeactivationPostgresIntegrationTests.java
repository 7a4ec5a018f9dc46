package io.liandong.agency;

import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link AgencyDeactivationScenarios} on the machine's PostgreSQL server at 127.0.0.1:5432. */
@RequiresPostgres
class AgencyDeactivationPostgresIntegrationTests extends AgencyDeactivationScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }
}
