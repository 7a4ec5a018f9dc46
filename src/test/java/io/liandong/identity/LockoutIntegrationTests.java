package io.liandong.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liandong.identity.HttpClientFixture.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class LockoutIntegrationTests extends IdentityTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    @Test
    void locksTheAccountAfterFiveFailedLoginsAndRecordsEachInTheAuditTrail() {
        createUser("lock-me");
        HttpClientFixture console = browser();

        for (int i = 1; i <= 4; i++) {
            assertThat(console.login("lock-me", "wrong-password-" + i)
                            .json()
                            .get("type")
                            .asString())
                    .isEqualTo("urn:liandong:problem:login-failed");
        }
        Answer fifth = console.login("lock-me", "wrong-password-5");
        Answer rightPasswordWhileLocked = console.login("lock-me", "right-password-1");
        Answer basicWhileLocked = basic("lock-me", "right-password-1").get("/api/me");

        assertThat(fifth.status()).isEqualTo(401);
        assertThat(fifth.json().get("type").asString()).isEqualTo("urn:liandong:problem:account-locked");
        assertThat(fifth.json().get("lockedUntil").asString()).isNotBlank();
        assertThat(rightPasswordWhileLocked.json().get("type").asString())
                .isEqualTo("urn:liandong:problem:account-locked");
        assertThat(basicWhileLocked.status()).isEqualTo(401);
        assertThat(actions("lock-me"))
                .containsSubsequence(
                        "LOGIN_FAILED",
                        "LOGIN_FAILED",
                        "LOGIN_FAILED",
                        "LOGIN_FAILED",
                        "LOGIN_FAILED",
                        "ACCOUNT_LOCKED")
                .doesNotContain("LOGIN_SUCCEEDED");

        clock.advance(Duration.ofMinutes(16));
        Answer afterLock = console.login("lock-me", "right-password-1");

        assertThat(afterLock.status()).isEqualTo(200);
        assertThat(actions("lock-me")).endsWith("LOGIN_SUCCEEDED");
    }

    @Test
    void failuresFurtherApartThanTheWindowDoNotLock() {
        createUser("slow-typist");
        HttpClientFixture console = browser();
        for (int i = 0; i < 4; i++) {
            console.login("slow-typist", "wrong-password");
        }

        clock.advance(Duration.ofMinutes(16));
        for (int i = 0; i < 4; i++) {
            console.login("slow-typist", "wrong-password");
        }

        assertThat(console.login("slow-typist", "right-password-1").status()).isEqualTo(200);
        assertThat(actions("slow-typist")).doesNotContain("ACCOUNT_LOCKED");
    }

    @Test
    void successfulLoginForgetsEarlierFailures() {
        createUser("forgetful");
        HttpClientFixture console = browser();
        for (int i = 0; i < 4; i++) {
            console.login("forgetful", "wrong-password");
        }
        assertThat(console.login("forgetful", "right-password-1").status()).isEqualTo(200);

        for (int i = 0; i < 4; i++) {
            browser().login("forgetful", "wrong-password");
        }

        assertThat(browser().login("forgetful", "right-password-1").status()).isEqualTo(200);
    }

    @Test
    void successfulBasicRequestForgetsEarlierFailuresAlsoWhenItsPasswordCheckIsRemembered() {
        createUser("machine-7");
        assertThat(basic("machine-7", "right-password-1").get("/api/me").status())
                .isEqualTo(200);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(basic("machine-7", "wrong-password").get("/api/me").status())
                        .isEqualTo(401);
            }
            assertThat(failedLogins("machine-7")).isEqualTo(4);
            assertThat(basic("machine-7", "right-password-1").get("/api/me").status())
                    .as("round %d", round)
                    .isEqualTo(200);
            assertThat(failedLogins("machine-7")).isZero();
        }
    }

    @Test
    void failedLoginWithAnUnknownNameDoesNotRecordTheName() {
        browser().login("my-secret-password-typed-here", "whatever-it-is");

        List<String> rows = jdbc.sql("SELECT CONCAT(COALESCE(target, ''), ' ', COALESCE(detail, '')) FROM audit_event")
                .query(String.class)
                .list();
        assertThat(rows).noneMatch(row -> row.contains("my-secret-password-typed-here"));
    }

    @Test
    void auditRowsCannotBeChangedOrDeleted() {
        browser().login("analyst", DEMO_PASSWORD);

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET actor = 'someone-else'")
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event").update()).hasMessageContaining("append-only");
    }

    @Test
    void auditTrailIsReadableByAdminNewestFirst() {
        browser().login("leader", DEMO_PASSWORD);

        Answer trail = admin().get("/api/audit?action=LOGIN_SUCCEEDED&target=leader&limit=5");

        assertThat(trail.status()).isEqualTo(200);
        assertThat(trail.json().get(0).get("actor").asString()).isEqualTo("leader");
        assertThat(admin().get("/api/audit?limit=0").status()).isEqualTo(400);
    }

    private void createUser(String username) {
        Answer created = admin().post(
                        "/api/users",
                        Map.of("username", username, "password", "right-password-1", "roles", List.of("ANALYST")));
        assertThat(created.status()).isEqualTo(201);
    }

    private int failedLogins(String username) {
        return jdbc.sql("SELECT failed_logins FROM app_user WHERE username = ?")
                .param(username)
                .query(Integer.class)
                .single();
    }

    private List<String> actions(String username) {
        return jdbc.sql("SELECT action FROM audit_event WHERE target = ? ORDER BY id")
                .param(username)
                .query(String.class)
                .list();
    }
}
