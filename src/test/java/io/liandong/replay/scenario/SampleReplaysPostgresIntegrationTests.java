package io.liandong.replay.scenario;

import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The shipped samples replayed into a center on PostgreSQL. */
@RequiresPostgres
class SampleReplaysPostgresIntegrationTests extends SampleReplays {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }
}
