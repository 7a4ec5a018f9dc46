package io.liandong.identity.internal;

import io.liandong.shared.web.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a password must be: not only white space or invisible characters, at least 10 characters,
 * at most 72 bytes in UTF-8 (bcrypt reads no further), and not the username. A refusal never
 * carries the password back.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;

    private PasswordPolicy() {}

    static Optional<Problem.FieldError> check(String field, @Nullable String password, @Nullable String username) {
        if (password == null || password.isEmpty()) {
            return refuse(field, "is required");
        }
        if (password.codePoints().allMatch(PasswordPolicy::invisible)) {
            return refuse(field, "must not be blank or only white space or invisible characters");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return refuse(field, "must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return refuse(field, "must have at most " + MAX_BYTES + " bytes in UTF-8");
        }
        if (password.equalsIgnoreCase(String.valueOf(username))) {
            return refuse(field, "must differ from the username");
        }
        return Optional.empty();
    }

    /** White space, or a character that shows nothing (a zero-width space, a byte-order mark). */
    private static boolean invisible(int c) {
        return Character.isWhitespace(c)
                || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT
                || Character.isISOControl(c);
    }

    /** For passwords given in configuration: fails start-up with the key and what is wrong. */
    static void requireValid(String key, String password, String username) {
        check(key, password, username).ifPresent(error -> {
            throw new IllegalStateException(key + " " + error.message());
        });
    }

    static List<Problem.FieldError> errors(String field, @Nullable String password, @Nullable String username) {
        return check(field, password, username).stream().toList();
    }

    private static Optional<Problem.FieldError> refuse(String field, String message) {
        return Optional.of(new Problem.FieldError(field, message, null));
    }
}
