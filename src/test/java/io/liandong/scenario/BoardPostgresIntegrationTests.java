package io.liandong.scenario;

import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The board and chosen-merge scenarios on the PostgreSQL server at 127.0.0.1:5432. */
@RequiresPostgres
class BoardPostgresIntegrationTests extends BoardScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }
}
