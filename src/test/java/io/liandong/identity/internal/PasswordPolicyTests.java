package io.liandong.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

    @Test
    void acceptsTenCharactersIncludingChinese() {
        assertThat(PasswordPolicy.check("password", "应急联动指挥中心很安全", "someone")).isEmpty();
        assertThat(PasswordPolicy.check("password", "0123456789", "someone")).isEmpty();
    }

    @Test
    void refusesShortLongAndUsernamePasswordsWithoutTheValue() {
        assertThat(PasswordPolicy.check("password", "123456789", "x")
                        .orElseThrow()
                        .rejectedValue())
                .isNull();
        assertThat(PasswordPolicy.check("password", "密".repeat(25), "x")
                        .orElseThrow()
                        .message())
                .contains("72 bytes");
        assertThat(PasswordPolicy.check("password", "Commander1", "commander1")).isPresent();
        assertThat(PasswordPolicy.check("password", null, "x").orElseThrow().message())
                .isEqualTo("is required");
    }

    @Test
    void refusesPasswordsThatShowNothing() {
        for (String invisible : new String[] {
            " ".repeat(12), "\u3000\t".repeat(6), "\u200b".repeat(12), "\ufeff".repeat(12), "\u2028\u00a0".repeat(6)
        }) {
            assertThat(PasswordPolicy.check("password", invisible, "x")
                            .orElseThrow()
                            .message())
                    .isEqualTo("must not be blank or only white space or invisible characters");
        }
        assertThat(PasswordPolicy.check("password", "\u200b应急联动指挥中心很安全", "x")).isEmpty();
    }

    @Test
    void configuredPasswordTooShortFailsStartupNamingTheKeyNotTheValue() {
        assertThatThrownBy(() -> PasswordPolicy.requireValid("liandong.security.admin-password", "admin", "admin"))
                .hasMessageContaining("liandong.security.admin-password")
                .hasMessageContaining("at least 10")
                .hasMessageNotContaining("admin\"");
    }
}
