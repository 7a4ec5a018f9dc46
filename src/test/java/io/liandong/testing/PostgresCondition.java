package io.liandong.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** See {@link RequiresPostgres}. */
public class PostgresCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Databases.postgresReachable()) {
            return ConditionEvaluationResult.enabled("PostgreSQL answers at 127.0.0.1:5432");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(
                    "CI=true but PostgreSQL does not answer at 127.0.0.1:5432;" + " .ci/run should have started it");
        }
        return ConditionEvaluationResult.disabled(
                "SKIPPED: PostgreSQL does not answer at 127.0.0.1:5432 (start it to run the PostgreSQL suite)");
    }
}
