package io.liandong.intake;

import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Grouped intake on the PostgreSQL server at 127.0.0.1:5432. */
@RequiresPostgres
class GroupedIntakePostgresIntegrationTests extends GroupedIntakeScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }
}
