package io.liandong.shared.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A refusal that leaves the center as an RFC 9457 problem: a stable type, a title, a detail
 * that names the offending value, and field errors where a request field was wrong.
 */
public class Problem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<FieldError> fieldErrors;

    /** One wrong field: its name, what is wrong and the value that was rejected. */
    public record FieldError(String field, String message, @Nullable Object rejectedValue) {}

    public Problem(HttpStatus status, String type, String title, String detail, List<FieldError> fieldErrors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public static Problem notFound(String what, Object id) {
        return new Problem(
                HttpStatus.NOT_FOUND, "not-found", "Not found", what + " " + id + " does not exist", List.of());
    }

    public static Problem conflict(String detail) {
        return new Problem(HttpStatus.CONFLICT, "conflict", "Conflicting change", detail, List.of());
    }

    public static Problem refused(String type, String detail) {
        return new Problem(HttpStatus.UNPROCESSABLE_CONTENT, type, "Refused", detail, List.of());
    }

    public static Problem invalid(String field, String message, @Nullable Object rejected) {
        return new Problem(
                HttpStatus.BAD_REQUEST,
                "validation",
                "Invalid request",
                field + ": " + message,
                List.of(new FieldError(field, message, rejected)));
    }

    public static Problem invalid(List<FieldError> errors) {
        String detail = errors.stream()
                .map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return new Problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail, errors);
    }

    /** A refused value as an error repeats it: at most 60 characters (whole code points). */
    public static String clip(String value) {
        return value.length() <= 60 ? value : value.substring(0, value.offsetByCodePoints(0, 59)) + "…";
    }

    public static Problem forbidden(String detail) {
        return new Problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
