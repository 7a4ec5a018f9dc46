package io.liandong.security;

import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The role matrix and agency isolation on the PostgreSQL server at 127.0.0.1:5432. */
@RequiresPostgres
class RoleMatrixPostgresIntegrationTests extends RoleMatrix {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }
}
