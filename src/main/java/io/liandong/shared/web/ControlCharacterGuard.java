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
 * on it. {@link ProblemHandling} answers the refusal as a 400 problem naming the field.
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
                throw new Refused(p, value);
            }
            return value;
        }
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

    /** The value with each control character written as {@code \\uXXXX}, so a problem body can show it. */
    static String visible(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (refused(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A string holding a control character; the path to its field is added as it leaves the parser. */
    static final class Refused extends InvalidFormatException {

        Refused(JsonParser p, String value) {
            super(p, "string holds a control character", visible(value), String.class);
        }
    }
}
