package io.liandong.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The throttle fails closed when its count in the database cannot be reached. */
class LoginThrottleFilterTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProblemResponses problems = problemsWithoutDatabase();

    @Test
    void aFormLoginIsRefusedWith503WhileTheDatabaseIsUnavailable() throws Exception {
        MockHttpServletRequest login = new MockHttpServletRequest("POST", "/login");
        login.setServletPath("/login");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        LoginThrottleFilter.forFormLogin(throttleWithoutDatabase(), problems).doFilter(login, response, chain);

        assertThat(chain.getRequest()).as("the login went ahead").isNull();
        assertUnavailable(response);
    }

    @Test
    void aMachineClientIsRefusedWith503BeforeItsCredentialsAreTried() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
        request.addHeader("Authorization", "Bearer ldt_anything");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        LoginThrottleFilter.forCredentials(throttleWithoutDatabase(), problems).doFilter(request, response, chain);

        assertThat(chain.getRequest()).as("the credentials were tried").isNull();
        assertUnavailable(response);
    }

    @Test
    void aFailureThatCannotBeCountedIsAnsweredWith503() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
        request.addHeader("Authorization", "Basic bm9ib2R5Ondyb25n");
        MockHttpServletResponse response = new MockHttpServletResponse();

        problems.commence(request, response, new BadCredentialsException("wrong"));

        assertUnavailable(response);
    }

    private static void assertUnavailable(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(response.getContentAsString());
        assertThat(body.get("type").asString()).isEqualTo("urn:liandong:problem:login-unavailable");
        assertThat(body.get("detail").asString()).doesNotContain("SQL").doesNotContain("h2");
    }

    private static ProblemResponses problemsWithoutDatabase() {
        return new ProblemResponses(
                JSON,
                throttleWithoutDatabase(),
                new AccountRepository(JdbcClient.create(goneDatabase())),
                Clock.fixed(Instant.parse("2026-12-04T12:29:00Z"), ZoneOffset.UTC));
    }

    private static LoginThrottle throttleWithoutDatabase() {
        return LoginThrottleTests.throttle(
                Clock.fixed(Instant.parse("2026-12-04T12:29:00Z"), ZoneOffset.UTC), goneDatabase());
    }

    /** An in-memory H2 database that does not exist: every connection fails. */
    private static JdbcDataSource goneDatabase() {
        JdbcDataSource gone = new JdbcDataSource();
        gone.setURL("jdbc:h2:mem:gone-" + UUID.randomUUID() + ";IFEXISTS=TRUE");
        return gone;
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        assertThat(LoginThrottleFilter.wholeSecondsUp(Duration.ofMillis(45_313)))
                .isEqualTo(46);
        assertThat(LoginThrottleFilter.wholeSecondsUp(Duration.ofSeconds(46))).isEqualTo(46);
        assertThat(LoginThrottleFilter.wholeSecondsUp(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(LoginThrottleFilter.wholeSecondsUp(Duration.ZERO)).isEqualTo(1);
    }
}
