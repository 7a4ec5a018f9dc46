package io.liandong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.identity.HttpClientFixture.Answer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class UserAdministrationIntegrationTests extends IdentityTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void createsAUserWhoCanLogIn() {
        Answer created = admin().post(
                        "/api/users",
                        Map.of(
                                "username", "zhang.wei",
                                "displayName", "张伟",
                                "password", "a-good-password",
                                "roles", List.of("AGENCY_REP"),
                                "agency", "POLICE-SHUANGTA"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/users/zhang.wei");
        assertThat(created.body()).doesNotContain("a-good-password").doesNotContain("password");
        JsonNode me = basic("zhang.wei", "a-good-password").get("/api/me").json();
        assertThat(me.get("agency").asString()).isEqualTo("POLICE-SHUANGTA");
        assertThat(me.get("displayName").asString()).isEqualTo("张伟");
    }

    @Test
    void refusesAShortPasswordWithoutEchoingIt() {
        Answer refused = admin().post(
                        "/api/users",
                        Map.of("username", "short-pw", "password", "s3cr3t", "roles", List.of("ANALYST")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).doesNotContain("s3cr3t");
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("password");
        assertThat(error.get("message").asString()).contains("10");
        assertThat(error.has("rejectedValue")).isFalse();
    }

    @Test
    void refusesUnknownRolesAndAgencyUsersWithoutAgency() {
        Answer refused = admin().post(
                        "/api/users",
                        Map.of(
                                "username",
                                "no-agency",
                                "password",
                                "long-enough-pw",
                                "roles",
                                List.of("AGENCY_CLERK", "SUPERUSER")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsString("field")).contains("roles", "agency");
        assertThat(refused.body()).contains("SUPERUSER");
    }

    @Test
    void refusesAnUnknownAgencyOrSeatWith400NamingTheFieldAndCreatesNoUser() {
        Answer agency = admin().post(
                        "/api/users",
                        Map.of(
                                "username", "no-such-agency",
                                "password", "long-enough-pw",
                                "roles", List.of("AGENCY_REP"),
                                "agency", "NOPE"));
        Answer seat = admin().post(
                        "/api/users",
                        Map.of(
                                "username",
                                "no-such-seat",
                                "password",
                                "long-enough-pw",
                                "roles",
                                List.of("CALL_TAKER"),
                                "seat",
                                "S-999"));
        // A hall user may be given an agency too; it must be a real one all the same.
        Answer hallAgency = admin().post(
                        "/api/users",
                        Map.of(
                                "username",
                                "hall-nope",
                                "password",
                                "long-enough-pw",
                                "roles",
                                List.of("ANALYST"),
                                "agency",
                                "NOPE"));

        assertThat(agency.status()).isEqualTo(400);
        assertThat(fieldError(agency, "agency").get("message").asString())
                .isEqualTo("unknown or inactive agency 'NOPE'");
        assertThat(fieldError(agency, "agency").get("rejectedValue").asString()).isEqualTo("NOPE");
        assertThat(seat.status()).isEqualTo(400);
        assertThat(fieldError(seat, "seat").get("message").asString()).isEqualTo("unknown seat 'S-999'");
        assertThat(hallAgency.status()).isEqualTo(400);
        assertThat(fieldError(hallAgency, "agency")).isNotNull();
        for (String username : List.of("no-such-agency", "no-such-seat", "hall-nope")) {
            assertThat(admin().get("/api/users/" + username).status()).isEqualTo(404);
        }
        assertThat(admin().post(
                                "/api/users",
                                Map.of(
                                        "username",
                                        "real-seat",
                                        "password",
                                        "long-enough-pw",
                                        "roles",
                                        List.of("AGENCY_REP"),
                                        "agency",
                                        "GAS-CO",
                                        "seat",
                                        "S-012"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void refusesAnUnknownAgencyOrSeatOnUpdateAndChangesNothing() {
        createAnalyst("moved-nowhere");
        Map<String, Object> agency = change(0, List.of("AGENCY_CLERK"));
        agency.put("agency", "NOPE");
        Map<String, Object> seat = change(0, List.of("ANALYST"));
        seat.put("seat", "S-999");

        Answer refusedAgency = admin().put("/api/users/moved-nowhere", agency);
        Answer refusedSeat = admin().put("/api/users/moved-nowhere", seat);

        assertThat(refusedAgency.status()).isEqualTo(400);
        assertThat(fieldError(refusedAgency, "agency").get("message").asString())
                .isEqualTo("unknown or inactive agency 'NOPE'");
        assertThat(refusedSeat.status()).isEqualTo(400);
        assertThat(fieldError(refusedSeat, "seat").get("message").asString()).isEqualTo("unknown seat 'S-999'");
        JsonNode unchanged = admin().get("/api/users/moved-nowhere").json();
        assertThat(unchanged.get("version").asInt()).isZero();
        assertThat(unchanged.hasNonNull("agency")).isFalse();
        assertThat(unchanged.hasNonNull("seat")).isFalse();
    }

    @Test
    void refusesAPasswordOfOnlyWhiteSpaceOnCreateAndOnChange() {
        Answer spaces = admin().post(
                        "/api/users",
                        Map.of("username", "blank-pw", "password", " ".repeat(10), "roles", List.of("ANALYST")));
        Answer ideographic = admin().post(
                        "/api/users",
                        Map.of("username", "blank-pw", "password", "\u3000\t".repeat(6), "roles", List.of("ANALYST")));

        assertThat(spaces.status()).isEqualTo(400);
        assertThat(fieldError(spaces, "password").get("message").asString())
                .isEqualTo("must not be blank or only white space or invisible characters");
        assertThat(ideographic.status()).isEqualTo(400);
        assertThat(fieldError(ideographic, "password")).isNotNull();
        assertThat(admin().get("/api/users/blank-pw").status()).isEqualTo(404);

        createAnalyst("blank-reset");
        Map<String, Object> reset = change(0, List.of("ANALYST"));
        reset.put("password", " ".repeat(12));
        Answer refused = admin().put("/api/users/blank-reset", reset);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(fieldError(refused, "password").get("message").asString())
                .isEqualTo("must not be blank or only white space or invisible characters");
        assertThat(basic("blank-reset", "long-enough-pw").get("/api/me").status())
                .isEqualTo(200);
    }

    @Test
    void refusesATakenUsernameWith409() {
        Answer taken = admin().post(
                        "/api/users",
                        Map.of("username", "leader", "password", "long-enough-pw", "roles", List.of("LEADER")));

        assertThat(taken.status()).isEqualTo(409);
    }

    @Test
    void staleVersionGets409AndChangesNothing() {
        createAnalyst("stale-edit");
        Map<String, Object> first = change(0, List.of("ANALYST", "LEADER"));
        assertThat(admin().put("/api/users/stale-edit", first).status()).isEqualTo(200);

        Answer stale = admin().put("/api/users/stale-edit", change(0, List.of("ADMIN")));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("detail").asString()).contains("version 0").contains("version is 1");
        assertThat(admin().get("/api/users/stale-edit").json().get("roles").toString())
                .isEqualTo("[\"LEADER\",\"ANALYST\"]");
    }

    @Test
    void permissionChangeIsAuditedWithOldAndNewRoles() {
        createAnalyst("promoted");

        Answer changed = admin().put("/api/users/promoted", change(0, List.of("ANALYST", "COMMANDER")));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("version").asInt()).isEqualTo(1);
        String detail = jdbc.sql(
                        "SELECT detail FROM audit_event WHERE action = 'PERMISSIONS_CHANGED' AND target = 'promoted'")
                .query(String.class)
                .single();
        assertThat(detail).isEqualTo("roles ANALYST → COMMANDER,ANALYST");
        String actor = jdbc.sql(
                        "SELECT actor FROM audit_event WHERE action = 'PERMISSIONS_CHANGED' AND target = 'promoted'")
                .query(String.class)
                .single();
        assertThat(actor).isEqualTo("admin");
    }

    @Test
    void roleChangeReachesALiveSessionAndDisablingEndsIt() {
        createAnalyst("live-session");
        HttpClientFixture console = browser();
        console.login("live-session", "long-enough-pw");
        assertThat(console.get("/api/users").status()).isEqualTo(403);

        admin().put("/api/users/live-session", change(0, List.of("ADMIN")));
        Answer promoted = console.get("/api/users");
        Map<String, Object> disable = change(1, List.of("ADMIN"));
        disable.put("enabled", false);
        assertThat(basic("live-session", "long-enough-pw").get("/api/me").status())
                .isEqualTo(200);
        admin().put("/api/users/live-session", disable);
        Answer disabled = console.get("/api/me");
        Answer disabledBasic = basic("live-session", "long-enough-pw").get("/api/me");

        assertThat(promoted.status()).isEqualTo(200);
        assertThat(disabled.status()).isEqualTo(401);
        assertThat(disabledBasic.status()).isEqualTo(401);
    }

    @Test
    void refusesToRemoveTheLastAdministrator() {
        Answer refused = admin().put("/api/users/admin", change(0, List.of("ANALYST")));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:liandong:problem:last-admin");
        assertThat(admin().get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void newPasswordByAdminReplacesTheOldOne() {
        createAnalyst("reset-me");
        // Basic logins are remembered for a few minutes; the remembered one must not outlive the password.
        assertThat(basic("reset-me", "long-enough-pw").get("/api/me").status()).isEqualTo(200);
        Map<String, Object> reset = change(0, List.of("ANALYST"));
        reset.put("password", "brand-new-password");

        assertThat(admin().put("/api/users/reset-me", reset).status()).isEqualTo(200);

        assertThat(basic("reset-me", "long-enough-pw").get("/api/me").status()).isEqualTo(401);
        assertThat(basic("reset-me", "brand-new-password").get("/api/me").status())
                .isEqualTo(200);
    }

    @Test
    void unknownUserGets404() {
        assertThat(admin().get("/api/users/nobody").status()).isEqualTo(404);
        assertThat(admin().put("/api/users/nobody", change(0, List.of("ANALYST")))
                        .status())
                .isEqualTo(404);
    }

    private static JsonNode fieldError(Answer answer, String field) {
        for (JsonNode error : answer.json().get("errors")) {
            if (field.equals(error.get("field").asString())) {
                return error;
            }
        }
        throw new AssertionError("no error on " + field + " in " + answer.body());
    }

    private void createAnalyst(String username) {
        Answer created = admin().post(
                        "/api/users",
                        Map.of("username", username, "password", "long-enough-pw", "roles", List.of("ANALYST")));
        assertThat(created.status()).isEqualTo(201);
    }

    private static Map<String, Object> change(int version, List<String> roles) {
        Map<String, Object> body = new HashMap<>();
        body.put("version", version);
        body.put("roles", roles);
        return body;
    }
}
