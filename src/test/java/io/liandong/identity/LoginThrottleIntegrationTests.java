package io.liandong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.identity.HttpClientFixture.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Per-address throttling of login attempts, with a limit of 3 a minute to keep the test short. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginThrottleIntegrationTests {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("liandong.home", IdentityTestSupport.newHome("liandong-throttle-")::toString);
        registry.add("liandong.security.admin-password", () -> IdentityTestSupport.ADMIN_PASSWORD);
        registry.add("liandong.security.demo-accounts", () -> "false");
        registry.add("liandong.security.login-throttle.max-attempts", () -> "3");
    }

    @Test
    void answers429AfterTooManyAttemptsFromOneAddress() {
        HttpClientFixture console = HttpClientFixture.browser(port);
        for (int i = 0; i < 3; i++) {
            assertThat(console.login("admin", "wrong-password").status()).isEqualTo(401);
        }

        Answer fourth = console.login("admin", IdentityTestSupport.ADMIN_PASSWORD);

        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.contentType()).startsWith("application/problem+json");
        assertThat(fourth.json().get("type").asString()).isEqualTo("urn:liandong:problem:too-many-login-attempts");
        assertThat(fourth.header("Retry-After")).isNotNull();
        // Machine clients from the same address are held back too, but only after failed credentials.
        Answer basic = HttpClientFixture.basic(port, "admin", "wrong-password").get("/api/me");
        assertThat(basic.status()).isEqualTo(429);
    }
}
