package io.liandong.identity;

import java.util.List;

/** Two nodes on one in-memory H2 database of this JVM. */
class SharedLoginThrottleH2IntegrationTests extends SharedLoginThrottleScenarios {

    private final List<String> database = sharedH2();

    @Override
    List<String> databaseArguments() {
        return database;
    }
}
