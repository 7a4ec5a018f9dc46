package io.liandong.properties;

import io.liandong.testing.Databases;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * jqwik's counterpart of {@code @RequiresPostgres}: skips a container where PostgreSQL does not
 * answer at 127.0.0.1:5432, with a visible reason, except in CI ({@code CI=true}), where a missing
 * server fails the run.
 */
public class PostgresAnswers implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        if (Databases.postgresReachable()) {
            return SkipResult.doNotSkip();
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(
                    "CI=true but PostgreSQL does not answer at 127.0.0.1:5432; .ci/run should have started it");
        }
        return SkipResult.skip(
                "SKIPPED: PostgreSQL does not answer at 127.0.0.1:5432 (start it to run the PostgreSQL properties)");
    }
}
