package io.liandong.properties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing a person does to an incident through the API: the commander's (or the duty leader's)
 * order, or an agency's step on one of the incident's tasks. Either may carry the version its
 * sender last saw ({@code outdated = false}) or one that is no longer current.
 */
sealed interface Command {

    boolean outdated();

    /**
     * An order: {@code POST /api/incidents/{id}/orders/{name}} by {@code user}, with {@code fields}
     * besides the version.
     */
    record Order(String name, String user, Map<String, Object> fields, boolean outdated) implements Command {

        Map<String, Object> body(int version) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("version", version);
            body.putAll(fields);
            return body;
        }

        @Override
        public String toString() {
            return user + " " + name + fields + (outdated ? " (outdated)" : "");
        }
    }

    /**
     * A step: {@code POST /api/tasks/{task}/{name}} by the task's agency, on the incident's task
     * number {@code pick} modulo the number of tasks.
     */
    record Step(String name, int pick, boolean outdated) implements Command {

        Map<String, Object> body(int version) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("version", version);
            body.put("text", "现场反馈 " + name);
            return body;
        }

        @Override
        public String toString() {
            return name + " task #" + pick + (outdated ? " (outdated)" : "");
        }
    }
}
