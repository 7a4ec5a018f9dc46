package io.liandong.security;

import io.liandong.testing.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The role matrix and agency isolation on the embedded H2 database. */
class RoleMatrixH2IntegrationTests extends RoleMatrix {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }
}
