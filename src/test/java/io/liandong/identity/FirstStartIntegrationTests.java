package io.liandong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.identity.HttpClientFixture.Answer;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** First start with LIANDONG_ADMIN_PASSWORD and LIANDONG_DEMO_PASSWORD given. */
class FirstStartIntegrationTests extends IdentityTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void createsAdminWithTheConfiguredPassword() {
        Answer me = admin().get("/api/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("roles").get(0).asString()).isEqualTo("ADMIN");
    }

    @Test
    void createsOneDemoAccountPerRoleWithAgenciesAndSeats() {
        JsonNode users = admin().get("/api/users").json();

        assertThat(users.findValuesAsString("username"))
                .contains(
                        "admin",
                        "calltaker",
                        "commander",
                        "leader",
                        "analyst",
                        "police",
                        "fire",
                        "ems",
                        "gas",
                        "lawenf");
        assertThat(user(users, "calltaker").get("seat").asString()).isEqualTo("S-061");
        assertThat(user(users, "commander").get("seat").asString()).isEqualTo("S-001");
        assertThat(user(users, "police").get("agency").asString()).isEqualTo("POLICE-SHUANGTA");
        assertThat(user(users, "fire").get("agency").asString()).isEqualTo("FIRE-BRIGADE");
        assertThat(user(users, "ems").get("agency").asString()).isEqualTo("EMS-120");
        assertThat(user(users, "gas").get("agency").asString()).isEqualTo("GAS-CO");
        assertThat(user(users, "lawenf").get("roles").get(0).asString()).isEqualTo("AGENCY_CLERK");
        assertThat(user(users, "lawenf").get("agency").asString()).isEqualTo("LAW-ENFORCEMENT");
        assertThat(basic("ems", DEMO_PASSWORD).get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void storesOnlyPasswordHashesAndWritesNoPasswordFile() {
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = 'admin'")
                .query(String.class)
                .single();

        assertThat(hash).startsWith("{bcrypt}").doesNotContain(ADMIN_PASSWORD);
        assertThat(Files.exists(HOME.resolve("initial-passwords.txt"))).isFalse();
    }

    private static JsonNode user(JsonNode users, String username) {
        for (JsonNode user : users) {
            if (user.get("username").asString().equals(username)) {
                return user;
            }
        }
        throw new AssertionError("no user " + username + " in " + users);
    }
}
