package io.liandong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.identity.HttpClientFixture.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class MachineClientIntegrationTests extends IdentityTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void basicClientNeedsNoCsrfToken() {
        Answer created = admin().post(
                        "/api/users",
                        Map.of("username", "basic-client", "password", "long-enough-pw", "roles", List.of("ANALYST")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("roles").get(0).asString()).isEqualTo("ANALYST");
    }

    @Test
    void basicClientGetsNoSessionCookie() {
        Answer answer = admin().get("/api/me");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().allValues("Set-Cookie"))
                .noneMatch(c -> c.startsWith("LIANDONG_SESSION") || c.startsWith("JSESSIONID"));
    }

    @Test
    void wrongBasicPasswordGets401ProblemWithBasicChallenge() {
        Answer answer = basic("analyst", "wrong-password").get("/api/me");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:liandong:problem:login-failed");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void wrongBasicPasswordFromScriptGetsNoBrowserPrompt() {
        Answer answer = basic("analyst", "wrong-password").get("/api/me", "X-Requested-With", "XMLHttpRequest");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isNull();
    }

    @Test
    void issuedBearerTokenWorksUntilRevokedAndOnlyItsHashIsStored() {
        admin().post(
                        "/api/users",
                        Map.of("username", "cad-bridge", "password", "long-enough-pw", "roles", List.of("CALL_TAKER")));
        Answer issued = admin().post("/api/users/cad-bridge/tokens", Map.of("name", "CAD bridge"));
        assertThat(issued.status()).isEqualTo(201);
        String token = issued.json().get("token").asString();
        long id = issued.json().get("id").asLong();

        Answer me = HttpClientFixture.bearer(port, token).get("/api/me");
        Answer post = HttpClientFixture.bearer(port, token).post("/api/users", Map.of());
        List<String> stored = jdbc.sql("SELECT token_hash FROM api_token WHERE username = 'cad-bridge'")
                .query(String.class)
                .list();
        Answer listed = admin().get("/api/users/cad-bridge/tokens");
        Answer revoked = admin().delete("/api/users/cad-bridge/tokens/" + id);
        Answer after = HttpClientFixture.bearer(port, token).get("/api/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo("cad-bridge");
        assertThat(post.status()).isEqualTo(403);
        assertThat(stored).hasSize(1).doesNotContain(token);
        assertThat(stored.get(0)).hasSize(64);
        assertThat(listed.body()).doesNotContain(token).doesNotContain(stored.get(0));
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("type").asString()).isEqualTo("urn:liandong:problem:invalid-token");
        assertThat(after.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void unknownBearerTokenNeverFallsBackToTheSession() {
        HttpClientFixture console = browser();
        console.login("admin", ADMIN_PASSWORD);

        Answer answer = console.get("/api/me", "Authorization", "Bearer ldt_made-up");

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void forbiddenGets403Problem() {
        Answer answer = basic("calltaker", DEMO_PASSWORD).get("/api/users");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:liandong:problem:forbidden");
        assertThat(answer.json().get("detail").asString()).contains("GET /api/users");
    }

    @Test
    void browserCannotUseRememberedBasicCredentialsFromAnotherSite() {
        Answer forged = admin().post(
                        "/api/users",
                        Map.of("username", "forged", "password", "long-enough-pw", "roles", List.of("ADMIN")),
                        "Sec-Fetch-Site",
                        "cross-site");

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().get("type").asString()).isEqualTo("urn:liandong:problem:cross-site");
    }
}
