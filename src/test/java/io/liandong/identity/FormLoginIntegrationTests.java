package io.liandong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.identity.HttpClientFixture.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FormLoginIntegrationTests extends IdentityTestSupport {

    @Test
    void logsInWithTheFormAndAnswersTheUserAsJson() {
        HttpClientFixture console = browser();

        Answer login = console.login("commander", DEMO_PASSWORD);

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.contentType()).startsWith("application/json");
        JsonNode me = login.json();
        assertThat(me.get("username").asString()).isEqualTo("commander");
        assertThat(me.get("roles").get(0).asString()).isEqualTo("COMMANDER");
        assertThat(me.get("seat").asString()).isEqualTo("S-001");
        assertThat(me.get("displayName").asString()).isNotBlank();
        assertThat(login.header("Location")).isNull();
        assertThat(console.cookie("LIANDONG_SESSION")).isNotNull();
        assertThat(console.get("/api/me").json().get("username").asString()).isEqualTo("commander");
    }

    @Test
    void answersAWrongPasswordWith401ProblemAndNoRedirect() {
        Answer login = browser().login("analyst", "not-the-password");

        assertThat(login.status()).isEqualTo(401);
        assertThat(login.contentType()).startsWith("application/problem+json");
        assertThat(login.json().get("type").asString()).isEqualTo("urn:liandong:problem:login-failed");
        assertThat(login.json().get("status").asInt()).isEqualTo(401);
        assertThat(login.header("Location")).isNull();
        assertThat(login.header("WWW-Authenticate")).isNull();
    }

    @Test
    void agencyUserSeesItsAgencyInMe() {
        HttpClientFixture console = browser();
        console.login("lawenf", DEMO_PASSWORD);

        JsonNode me = console.get("/api/me").json();

        assertThat(me.get("agency").asString()).isEqualTo("LAW-ENFORCEMENT");
        assertThat(me.get("roles").get(0).asString()).isEqualTo("AGENCY_CLERK");
    }

    @Test
    void sessionPostNeedsTheCsrfToken() {
        HttpClientFixture console = browser();
        assertThat(console.login("admin", ADMIN_PASSWORD).status()).isEqualTo(200);
        Map<String, Object> user =
                Map.of("username", "csrf-check", "password", "long-enough-pw", "roles", List.of("ANALYST"));

        Answer without = console.post("/api/users", user);
        Answer with = console.post("/api/users", user, console.csrf());

        assertThat(without.status()).isEqualTo(403);
        assertThat(without.json().get("type").asString()).isEqualTo("urn:liandong:problem:csrf");
        assertThat(with.status()).isEqualTo(201);
    }

    @Test
    void loginItselfNeedsTheCsrfToken() {
        HttpClientFixture console = browser();
        console.get("/api/me");

        Answer login = console.postForm("/login", Map.of("username", "leader", "password", DEMO_PASSWORD));

        assertThat(login.status()).isEqualTo(403);
        assertThat(login.json().get("type").asString()).isEqualTo("urn:liandong:problem:csrf");
    }

    @Test
    void logoutAnswers204AndEndsTheSession() {
        HttpClientFixture console = browser();
        console.login("leader", DEMO_PASSWORD);

        Answer logout = console.post("/logout", null, console.csrf());

        assertThat(logout.status()).isEqualTo(204);
        assertThat(console.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void servesNoGeneratedLoginPage() {
        Answer page = anonymous().get("/login", "Accept", "text/html");

        assertThat(page.body()).doesNotContain("<form");
    }

    @Test
    void unauthenticatedRequestGets401ProblemWithoutBrowserPrompt() {
        Answer answer = anonymous().get("/api/incidents");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:liandong:problem:unauthenticated");
        assertThat(answer.header("WWW-Authenticate")).isNull();
    }

    @Test
    void pathsOutsideTheConsoleAndTheMatrixNeedALogin() {
        assertThat(anonymous().get("/no-such-console-route").status()).isEqualTo(401);
    }

    @Test
    void csrfCookieIsReadableByTheConsoleButStaysOnThisSite() {
        String cookie = anonymous().get("/api/me").headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN="))
                .findFirst()
                .orElseThrow();

        assertThat(cookie).contains("SameSite=Strict").doesNotContain("HttpOnly");
    }

    @Test
    void sendsStrictSecurityHeaders() {
        Answer answer = anonymous().get("/api/me");

        assertThat(answer.header("Content-Security-Policy"))
                .contains("default-src 'self'")
                .contains("script-src 'self'")
                .contains("img-src 'self' data: blob:")
                .contains("frame-ancestors 'none'")
                .doesNotContain("*;");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void healthIsPublicButOtherActuatorEndpointsNeedAdmin() {
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(anonymous().get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(basic("analyst", DEMO_PASSWORD).get("/actuator/metrics").status())
                .isEqualTo(403);
        assertThat(admin().get("/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void theBuildsSbomIsServedToTheAdministrator() {
        Answer sbom = admin().get("/actuator/sbom/application", "Accept", "*/*");
        Answer onlyJson = admin().get("/actuator/sbom/application");

        assertThat(sbom.status()).as(sbom.body()).isEqualTo(200);
        JsonNode bom = HttpClientFixture.JSON.readTree(sbom.body());
        assertThat(bom.get("bomFormat").asString()).isEqualTo("CycloneDX");
        assertThat(bom.get("components").toString()).contains("spring-boot", "postgresql", "spring-session-jdbc");
        assertThat(basic("analyst", DEMO_PASSWORD)
                        .get("/actuator/sbom/application")
                        .status())
                .isEqualTo(403);
        // a client that accepts only JSON gets a problem saying what it could have had, not a 500
        assertThat(onlyJson.status()).isEqualTo(406);
        assertThat(onlyJson.contentType()).startsWith("application/problem+json");
        assertThat(onlyJson.json().get("detail").asString()).contains("application/octet-stream");
    }

    @Test
    void aQueryStringThatDoesNotDecodeIs400Not500() {
        HttpClientFixture commander = basic("commander", DEMO_PASSWORD);
        for (String path : List.of(
                "/api/incidents?q=%FF",
                "/api/incidents/counts?q=%E6%9C",
                "/api/incidents?%C3%28=1",
                "/api/incidents?q=%00",
                "/api/me?x=%FF",
                "/actuator/health?x=%00")) {
            Answer answer = commander.get(path);

            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(400);
            assertThat(answer.json().get("type").asString()).isEqualTo("urn:liandong:problem:malformed-request");
        }
    }
}
