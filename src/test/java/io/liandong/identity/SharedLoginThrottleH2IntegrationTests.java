package io.liandong.identity;

import java.util.List;
import java.util.UUID;

/** Two nodes on one in-memory H2 database of this JVM. */
class SharedLoginThrottleH2IntegrationTests extends SharedLoginThrottleScenarios {

    private final String name = "throttle" + UUID.randomUUID().toString().replace("-", "");

    @Override
    List<String> databaseArguments() {
        return List.of(
                "--spring.datasource.url=jdbc:h2:mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa",
                "--spring.datasource.password=");
    }
}
