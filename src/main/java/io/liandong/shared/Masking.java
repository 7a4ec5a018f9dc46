package io.liandong.shared;

import org.jspecify.annotations.Nullable;

/** Masks personal data for logs, lists and roles that do not need it. */
public final class Masking {

    private Masking() {}

    /** {@code 13812345678} becomes {@code 138****5678}; short numbers keep only their last two digits. */
    public static @Nullable String phone(@Nullable String number) {
        if (number == null || number.isBlank()) {
            return number;
        }
        String digits = number.strip();
        if (digits.length() >= 7) {
            return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
        }
        return "*".repeat(Math.max(0, digits.length() - 2)) + digits.substring(Math.max(0, digits.length() - 2));
    }

    /** {@code 张三丰} becomes {@code 张**}; {@code John Smith} becomes {@code J*********}. */
    public static @Nullable String name(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        String stripped = name.strip();
        int first = stripped.codePointAt(0);
        int rest = stripped.codePointCount(0, stripped.length()) - 1;
        return new String(Character.toChars(first)) + "*".repeat(Math.max(rest, 1));
    }
}
