package io.liandong.catalog;

import io.liandong.testing.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CategoryApiScenarios} on an in-memory H2 database in PostgreSQL mode. */
class CategoryApiH2IntegrationTests extends CategoryApiScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }
}
