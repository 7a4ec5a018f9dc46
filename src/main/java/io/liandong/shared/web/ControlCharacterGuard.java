package io.liandong.shared.web;

import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses control characters in every JSON string the center reads: C0 (U+0000 to U+001F) other
 * than tab, CR and LF, DEL (U+007F) and C1 (U+0080 to U+009F), so none reaches the database
 * (PostgreSQL cannot store U+0000 in text at all) or a console, a log or an export that would act
 * on it. It refuses an unpaired UTF-16 surrogate too (an escaped {@code \\ud800} with no low
 * surrogate after it, or a low one with no high one before it): it is no character, PostgreSQL
 * would store {@code ?} in its place and H2 keep it, so the data would silently change or differ
 * by database. A pair (an emoji such as {@code \\ud83d\\ude00}) passes. {@link ProblemHandling}
 * answers the refusal as a 400 problem naming the field.
 */
@Component
class ControlCharacterGuard extends SimpleModule {

    ControlCharacterGuard() {
        super("liandong-control-character-guard");
        addDeserializer(String.class, new Strings());
    }

    /** Jackson's own string reading, then the check. */
    static final class Strings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            if (value != null && hasControlCharacter(value)) {
                throw new Refused(p, value, CONTROL_CHARACTERS);
            }
            if (value != null && hasLoneSurrogate(value)) {
                throw new Refused(p, value, LONE_SURROGATES);
            }
            return value;
        }
    }

    /** Why a string with a control character is refused, as the problem's field error says it. */
    static final String CONTROL_CHARACTERS =
            "must not contain control characters (U+0000 to U+001F other than tab, CR and LF, U+007F to U+009F)";

    /** Why a string with an unpaired surrogate is refused, as the problem's field error says it. */
    static final String LONE_SURROGATES =
            "must not contain an unpaired UTF-16 surrogate (\\uD800 to \\uDFFF not forming a pair)";

    /** Whether {@code value} holds a surrogate that is not half of a high-low pair. */
    static boolean hasLoneSurrogate(String value) {
        return loneSurrogateAt(value, 0) >= 0;
    }

    /** The index of the first unpaired surrogate at or after {@code from}, or -1. */
    private static int loneSurrogateAt(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (refused(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** C0 other than tab, LF and CR, DEL, and C1; every other character, Chinese and emoji included, passes. */
    static boolean refused(char c) {
        return c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c >= 0x7f && c <= 0x9f;
    }

    /**
     * The value with each control character and unpaired surrogate written as {@code \\uXXXX}, so
     * a problem body can show it.
     */
    static String visible(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        int lone = loneSurrogateAt(value, 0);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (i == lone) {
                lone = loneSurrogateAt(value, i + 1);
                out.append(String.format("\\u%04X", (int) c));
            } else if (refused(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A string holding a control character or an unpaired surrogate; the path to its field is
     * added as it leaves the parser.
     */
    static final class Refused extends InvalidFormatException {

        private final String reason;

        Refused(JsonParser p, String value, String reason) {
            super(p, "string holds a refused character", visible(value), String.class);
            this.reason = reason;
        }

        /** Why the string is refused, as the problem's field error says it. */
        String reason() {
            return reason;
        }
    }
}
