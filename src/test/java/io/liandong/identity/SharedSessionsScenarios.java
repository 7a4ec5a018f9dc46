package io.liandong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.identity.HttpClientFixture.Answer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes of one center on one database: a person logged in through one node is logged in on
 * the other, logging out or being disabled on one ends the session on both, and a node that
 * restarts keeps its people logged in. Sessions are rows of {@code console_session}.
 */
abstract class SharedSessionsScenarios extends TwoNodes {

    static final String DEMO_PASSWORD = "demo-Secret-123";

    @Override
    List<String> nodeArguments() {
        return List.of(
                "--liandong.security.demo-password=" + DEMO_PASSWORD, "--liandong.console.stream.heartbeat=PT1S");
    }

    @Test
    void aSessionOpenedOnOneNodeIsValidOnTheOther() {
        HttpClientFixture onA = HttpClientFixture.browser(port(nodeA));
        assertThat(onA.login("commander", DEMO_PASSWORD).status()).isEqualTo(200);
        HttpClientFixture onB = onA.toPort(port(nodeB));

        Answer me = onB.get("/api/me");
        Answer writeWithoutToken = onB.post("/api/users", newAnalyst("nobody-made"));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo("commander");
        assertThat(writeWithoutToken.status()).isEqualTo(403);
        assertThat(jdbc().sql("SELECT count(*) FROM console_session WHERE principal_name = 'commander'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        String hash = jdbc().sql("SELECT password_hash FROM app_user WHERE username = 'commander'")
                .query(String.class)
                .single();
        List<byte[]> stored = jdbc().sql(
                        "SELECT a.attribute_bytes FROM console_session_attributes a JOIN console_session s"
                                + " ON s.primary_id = a.session_primary_id WHERE s.principal_name = 'commander'")
                .query((rs, n) -> rs.getBytes(1))
                .list();
        assertThat(stored).isNotEmpty().allSatisfy(bytes -> assertThat(
                        new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(hash)
                .doesNotContain(DEMO_PASSWORD));
    }

    @Test
    void loggingOutOnOneNodeEndsTheSessionOnBoth() {
        HttpClientFixture onA = HttpClientFixture.browser(port(nodeA));
        assertThat(onA.login("leader", DEMO_PASSWORD).status()).isEqualTo(200);
        HttpClientFixture onB = onA.toPort(port(nodeB));
        String sessionBefore = onA.cookie("LIANDONG_SESSION");
        assertThat(onB.get("/api/me").status()).isEqualTo(200);

        Answer logout = onB.post("/logout", null, onB.csrf());
        HttpClientFixture stale = HttpClientFixture.browser(port(nodeA));
        stale.get("/api/me");

        assertThat(logout.status()).isEqualTo(204);
        assertThat(onA.get("/api/me").status()).isEqualTo(401);
        assertThat(HttpClientFixture.anonymous(port(nodeA))
                        .get("/api/me", "Cookie", "LIANDONG_SESSION=" + sessionBefore)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void rolesChangedThroughOneNodeApplyToASessionOnTheOther() {
        HttpClientFixture adminOnA = HttpClientFixture.basic(port(nodeA), "admin", ADMIN_PASSWORD);
        assertThat(adminOnA.post("/api/users", newAnalyst("shared-analyst")).status())
                .isEqualTo(201);
        HttpClientFixture onB = HttpClientFixture.browser(port(nodeB));
        assertThat(onB.login("shared-analyst", "long-enough-pw").status()).isEqualTo(200);
        assertThat(onB.get("/api/users").status()).isEqualTo(403);

        adminOnA.put("/api/users/shared-analyst", change(0, List.of("ADMIN"), true));
        Answer promoted = onB.get("/api/users");
        adminOnA.put("/api/users/shared-analyst", change(1, List.of("ADMIN"), false));
        Answer disabledOnB = onB.get("/api/me");

        assertThat(promoted.status()).isEqualTo(200);
        assertThat(disabledOnB.status()).isEqualTo(401);
    }

    @Test
    void aForgedSessionCookieIsNoSessionNeverAServerError() {
        String nul = java.util.Base64.getEncoder()
                .encodeToString("abc\0def".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        String unknownId = java.util.Base64.getEncoder()
                .encodeToString(
                        java.util.UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (String forged : List.of(nul, "not-base64-at-all", "JyBPUiAnMSc9JzE=", unknownId)) {
            HttpClientFixture anybody = HttpClientFixture.anonymous(port(nodeA));

            Answer me = anybody.get("/api/me", "Cookie", "LIANDONG_SESSION=" + forged);
            Answer health = anybody.get("/actuator/health", "Cookie", "LIANDONG_SESSION=" + forged);

            assertThat(me.status()).as(forged + " " + me.body()).isEqualTo(401);
            assertThat(me.json().get("type").asString()).isEqualTo("urn:liandong:problem:unauthenticated");
            assertThat(health.status()).as(forged).isEqualTo(200);
        }
    }

    @Test
    void aLiveStreamOnOneNodeEndsWhenItsSessionIsLoggedOutOnTheOther() throws Exception {
        HttpClientFixture onA = HttpClientFixture.browser(port(nodeA));
        assertThat(onA.login("analyst", DEMO_PASSWORD).status()).isEqualTo(200);
        String cookie = "LIANDONG_SESSION=" + onA.cookie("LIANDONG_SESSION");
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(nodeB) + "/api/stream"))
                                .header("Accept", "text/event-stream")
                                .header("Cookie", cookie)
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
            try (var body = stream.body()) {
                body.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                // ended by the server all the same
            }
        });

        assertThat(onA.post("/logout", null, onA.csrf()).status()).isEqualTo(204);

        ended.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLiveStreamOnOneNodeEndsWithinAHeartbeatWhenItsRolesAreChangedOnTheOther() throws Exception {
        HttpClientFixture adminOnA = HttpClientFixture.basic(port(nodeA), "admin", ADMIN_PASSWORD);
        Map<String, Object> commander = new HashMap<>(newAnalyst("moved-on-a"));
        commander.put("roles", List.of("COMMANDER"));
        assertThat(adminOnA.post("/api/users", commander).status()).isEqualTo(201);
        HttpClientFixture onB = HttpClientFixture.browser(port(nodeB));
        assertThat(onB.login("moved-on-a", "long-enough-pw").status()).isEqualTo(200);
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(nodeB) + "/api/stream"))
                                .header("Accept", "text/event-stream")
                                .header("Cookie", "LIANDONG_SESSION=" + onB.cookie("LIANDONG_SESSION"))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
            try (var body = stream.body()) {
                body.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                // ended by the server all the same
            }
        });

        Map<String, Object> toLocksmith = change(0, List.of("AGENCY_REP"), true);
        toLocksmith.put("agency", "LOCKSMITH");
        assertThat(adminOnA.put("/api/users/moved-on-a", toLocksmith).status()).isEqualTo(200);

        // node B heard nothing of the change: its heartbeat (1 s here) re-reads the account
        ended.get(10, TimeUnit.SECONDS);
        assertThat(onB.get("/api/incidents").status())
                .as("the session on B has the new roles")
                .isEqualTo(403);
    }

    @Test
    void aRestartedNodeKeepsItsPeopleLoggedIn() {
        ConfigurableApplicationContext extra = start("node-c");
        HttpClientFixture onC = HttpClientFixture.browser(port(extra));
        assertThat(onC.login("calltaker", DEMO_PASSWORD).status()).isEqualTo(200);
        String session = onC.cookie("LIANDONG_SESSION");
        extra.close();

        ConfigurableApplicationContext restarted = start("node-c");
        try {
            Answer me = HttpClientFixture.anonymous(port(restarted))
                    .get("/api/me", "Cookie", "LIANDONG_SESSION=" + session);

            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().get("username").asString()).isEqualTo("calltaker");
        } finally {
            restarted.close();
        }
    }

    private static Map<String, Object> newAnalyst(String username) {
        return Map.of("username", username, "password", "long-enough-pw", "roles", List.of("ANALYST"));
    }

    private static Map<String, Object> change(int version, List<String> roles, boolean enabled) {
        Map<String, Object> body = new HashMap<>();
        body.put("version", version);
        body.put("roles", roles);
        body.put("enabled", enabled);
        return body;
    }
}
