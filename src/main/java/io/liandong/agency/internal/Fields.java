package io.liandong.agency.internal;

import io.liandong.shared.web.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Reads request fields that bean validation cannot: enum names, with errors naming the value. */
final class Fields {

    /** Codes of agencies, zones, seats: upper-case letters, digits and hyphens. */
    static final String CODE = "[A-Z0-9][A-Z0-9-]{0,39}";

    static final String CODE_MESSAGE = "must be 1 to 40 upper-case letters, digits and hyphens";

    private Fields() {}

    static <E extends Enum<E>> E enumValue(Class<E> type, String field, @Nullable String value) {
        List<Problem.FieldError> errors = new ArrayList<>();
        E parsed = enumValue(type, field, value, errors);
        if (parsed == null) {
            throw Problem.invalid(errors);
        }
        return parsed;
    }

    static <E extends Enum<E>> @Nullable E enumValue(
            Class<E> type, String field, @Nullable String value, List<Problem.FieldError> errors) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        String names = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        errors.add(new Problem.FieldError(field, "must be one of " + names + ", was '" + value + "'", value));
        return null;
    }
}
