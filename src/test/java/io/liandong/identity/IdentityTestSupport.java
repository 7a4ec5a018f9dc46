package io.liandong.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on a random port with its own H2 database in a fresh folder, configured
 * passwords, a clock the tests can move, and login throttling out of the way. Subclasses share
 * one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MovableClock.Configuration.class)
abstract class IdentityTestSupport {

    static final String ADMIN_PASSWORD = "admin-secret-1";
    static final String DEMO_PASSWORD = "demo-secret-22";

    static final Path HOME = newHome("liandong-identity-");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("liandong.home", HOME::toString);
        registry.add("liandong.security.admin-password", () -> ADMIN_PASSWORD);
        registry.add("liandong.security.demo-password", () -> DEMO_PASSWORD);
        registry.add("liandong.security.login-throttle.max-attempts", () -> "100000");
    }

    HttpClientFixture admin() {
        return HttpClientFixture.basic(port, "admin", ADMIN_PASSWORD);
    }

    HttpClientFixture browser() {
        return HttpClientFixture.browser(port);
    }

    HttpClientFixture anonymous() {
        return HttpClientFixture.anonymous(port);
    }

    HttpClientFixture basic(String username, String password) {
        return HttpClientFixture.basic(port, username, password);
    }

    static Path newHome(String prefix) {
        try {
            Path home = Files.createTempDirectory(prefix);
            home.toFile().deleteOnExit();
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
