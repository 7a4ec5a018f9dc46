package io.liandong.dispatch;

import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Photos on a task's report-back, on the PostgreSQL server at 127.0.0.1:5432. */
@RequiresPostgres
class TaskPhotoPostgresIntegrationTests extends TaskPhotoScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }
}
