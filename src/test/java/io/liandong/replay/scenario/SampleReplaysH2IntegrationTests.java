package io.liandong.replay.scenario;

import io.liandong.testing.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The shipped samples replayed into a center on H2. */
class SampleReplaysH2IntegrationTests extends SampleReplays {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }
}
