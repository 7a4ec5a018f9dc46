package io.liandong.deployment;

import java.util.List;

/**
 * Deployment files that cannot be loaded: each problem names the file, the entry and the bad
 * value. Nothing was written.
 */
public class InvalidDeploymentException extends RuntimeException {

    private final List<String> problems;

    public InvalidDeploymentException(String source, List<String> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, for example {@code plans.yaml: plan PLAN-X: task 2: no such agency 'GAS-C0'}. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        return "the deployment in " + source + " has " + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + ":\n  " + String.join("\n  ", problems);
    }
}
