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
    void configuredPasswordTooShortFailsStartupNamingTheKeyNotTheValue() {
        assertThatThrownBy(() -> PasswordPolicy.requireValid("liandong.security.admin-password", "admin", "admin"))
                .hasMessageContaining("liandong.security.admin-password")
                .hasMessageContaining("at least 10")
                .hasMessageNotContaining("admin\"");
    }
}
