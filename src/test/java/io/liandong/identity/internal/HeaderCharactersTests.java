package io.liandong.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeaderCharactersTests {

    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void agreesWithSpringSecuritysExpressionsOnEveryCodePoint() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String one = "a" + Character.toString(cp) + "b";
            assertThat(HeaderCharacters.assignedAndNotControl(one))
                    .as("name U+%04X", cp)
                    .isEqualTo(NAMES.matcher(one).matches());
            assertThat(HeaderCharacters.headerValue(one))
                    .as("value U+%04X", cp)
                    .isEqualTo(VALUES.matcher(one).matches());
        }
    }

    @Test
    void refusesControlCharactersButTakesChineseTabsAndEmoji() {
        assertThat(HeaderCharacters.headerValue("Basic YWRtaW46c2VjcmV0")).isTrue();
        assertThat(HeaderCharacters.headerValue("双塔区 新华路\t12 号 🚒")).isTrue();
        assertThat(HeaderCharacters.assignedAndNotControl("x\tname")).isFalse();
        assertThat(HeaderCharacters.headerValue("line\nbreak")).isFalse();
        assertThat(HeaderCharacters.headerValue("nul\u0000")).isFalse();
        assertThat(HeaderCharacters.headerValue("del\u007f")).isFalse();
        assertThat(HeaderCharacters.headerValue("c1\u0085")).isFalse();
        assertThat(HeaderCharacters.headerValue("unassigned\u0378")).isFalse();
        assertThat(HeaderCharacters.headerValue("")).isTrue();
    }
}
