package io.liandong.hardening;

import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The hardening of issue #4 on the PostgreSQL server at 127.0.0.1:5432. */
@RequiresPostgres
class Issue4HardeningPostgresIntegrationTests extends Issue4Hardening {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }
}
