package io.liandong.replay.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the center answered: the status, the JSON body if there was one, and the request it
 * answers. For refusals, {@link #reason()} gives a short text the summary can group by and
 * {@link #detail()} the problem's detail with field errors.
 */
public record Answer(int status, @Nullable JsonNode body, String text, String request) {

    private static final String PROBLEM_PREFIX = "urn:liandong:problem:";

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** 400 or 422: the center refused the content, which is the row's own business. */
    public boolean refused() {
        return status == 400 || status == 422;
    }

    public boolean conflict() {
        return status == 409;
    }

    /** The problem type's slug ({@code urn:liandong:problem:task-step-refused} gives {@code task-step-refused}). */
    public String problemType() {
        String type = field("type");
        if (type == null) {
            return "";
        }
        return type.startsWith(PROBLEM_PREFIX) ? type.substring(PROBLEM_PREFIX.length()) : type;
    }

    /** A short reason, the same for every answer with the same status, problem type and fields. */
    public String reason() {
        StringBuilder reason = head();
        List<String> fields = errorFields();
        if (!fields.isEmpty()) {
            reason.append(" (").append(String.join(", ", fields)).append(')');
        }
        return reason.toString();
    }

    /**
     * Status and problem type, then what was wrong, each thing once: the field errors as {@code
     * field: message (was value)}, preceded by the problem's detail only if it says more than they
     * do (the center's validation detail is just the field errors again).
     */
    public String detail() {
        StringBuilder detail = head();
        List<String> parts = new ArrayList<>();
        List<JsonNode> errors = errors();
        String text = field("detail");
        if (text == null) {
            text = field("title");
        }
        if (text != null && !saysNoMoreThan(text, errors)) {
            parts.add(text);
        }
        for (JsonNode error : errors) {
            StringBuilder part = new StringBuilder(error.path("field").asString("?"))
                    .append(": ")
                    .append(error.path("message").asString(""));
            JsonNode rejected = error.get("rejectedValue");
            if (rejected != null) {
                part.append(" (was ")
                        .append(rejected.isNull() ? "null" : rejected.toString())
                        .append(')');
            }
            parts.add(part.toString());
        }
        if (body == null && !this.text.isBlank()) {
            parts.add(this.text
                    .strip()
                    .substring(0, Math.min(200, this.text.strip().length())));
        }
        if (!parts.isEmpty()) {
            detail.append(": ").append(String.join("; ", parts));
        }
        return detail.toString();
    }

    /** {@code HTTP 400 validation}: the status and the problem type, if there is one. */
    private StringBuilder head() {
        StringBuilder head = new StringBuilder("HTTP ").append(status);
        String type = problemType();
        if (!type.isEmpty()) {
            head.append(' ').append(type);
        }
        return head;
    }

    /** Whether the problem's detail only repeats what its field errors say. */
    private static boolean saysNoMoreThan(String text, List<JsonNode> errors) {
        return !errors.isEmpty()
                && errors.stream().allMatch(error -> {
                    String message = error.path("message").asString("");
                    return !message.isBlank() && text.contains(message);
                });
    }

    private List<JsonNode> errors() {
        List<JsonNode> errors = new ArrayList<>();
        if (body != null && body.path("errors").isArray()) {
            body.path("errors").forEach(errors::add);
        }
        return errors;
    }

    private List<String> errorFields() {
        List<String> fields = new ArrayList<>();
        for (JsonNode error : errors()) {
            String field = error.path("field").asString("");
            if (!field.isEmpty() && !fields.contains(field)) {
                fields.add(field);
            }
        }
        fields.sort(null);
        return fields;
    }

    private @Nullable String field(String name) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode node = body.get(name);
        return node == null || node.isNull() ? null : node.asString();
    }
}
