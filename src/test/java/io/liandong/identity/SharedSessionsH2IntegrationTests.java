package io.liandong.identity;

import java.util.List;

/** Two nodes on one in-memory H2 database of this JVM. */
class SharedSessionsH2IntegrationTests extends SharedSessionsScenarios {

    private final List<String> database = sharedH2();

    @Override
    List<String> databaseArguments() {
        return database;
    }
}
