package io.liandong.properties;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The incident command properties on one center with the PostgreSQL server at 127.0.0.1:5432; fewer tries. */
@PropertyDefaults(tries = 10)
@AddLifecycleHook(PostgresAnswers.class)
class IncidentCommandPropertiesPostgresIntegrationTests extends IncidentCommandProperties {

    @BeforeContainer
    static void startOnPostgres() {
        startCenter(Center.onPostgres());
    }

    @AfterContainer
    static void stopOnPostgres() {
        stopCenter();
    }
}
