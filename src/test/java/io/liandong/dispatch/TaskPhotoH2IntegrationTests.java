package io.liandong.dispatch;

import io.liandong.testing.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Photos on a task's report-back, on the embedded H2 database. */
class TaskPhotoH2IntegrationTests extends TaskPhotoScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }
}
