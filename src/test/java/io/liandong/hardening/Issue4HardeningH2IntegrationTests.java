package io.liandong.hardening;

import io.liandong.testing.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The hardening of issue #4 on the embedded H2 database. */
class Issue4HardeningH2IntegrationTests extends Issue4Hardening {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }
}
