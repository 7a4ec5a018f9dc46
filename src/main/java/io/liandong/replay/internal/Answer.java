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
        StringBuilder reason = new StringBuilder("HTTP ").append(status);
        String type = problemType();
        if (!type.isEmpty()) {
            reason.append(' ').append(type);
        }
        List<String> fields = errorFields();
        if (!fields.isEmpty()) {
            reason.append(" (").append(String.join(", ", fields)).append(')');
        }
        return reason.toString();
    }

    /** The reason with the problem's detail and each field error. */
    public String detail() {
        StringBuilder detail = new StringBuilder(reason());
        String text = field("detail");
        if (text == null) {
            text = field("title");
        }
        if (text != null) {
            detail.append(": ").append(text);
        }
        if (body != null && body.path("errors").isArray()) {
            for (JsonNode error : body.path("errors")) {
                detail.append("; ")
                        .append(error.path("field").asString("?"))
                        .append(' ')
                        .append(error.path("message").asString(""));
                JsonNode rejected = error.get("rejectedValue");
                if (rejected != null) {
                    detail.append(" (was ")
                            .append(rejected.isNull() ? "null" : rejected.toString())
                            .append(')');
                }
            }
        }
        if (body == null && !this.text.isBlank()) {
            detail.append(": ")
                    .append(
                            this.text.strip(),
                            0,
                            Math.min(200, this.text.strip().length()));
        }
        return detail.toString();
    }

    private List<String> errorFields() {
        List<String> fields = new ArrayList<>();
        if (body != null && body.path("errors").isArray()) {
            for (JsonNode error : body.path("errors")) {
                String field = error.path("field").asString("");
                if (!field.isEmpty() && !fields.contains(field)) {
                    fields.add(field);
                }
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
