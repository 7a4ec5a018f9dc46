package io.liandong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.identity.HttpClientFixture.Answer;
import io.liandong.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Two nodes of one center on one database count the login attempts of an address together:
 * guesses spread over the nodes get no more than the limit between them. Both nodes run on one
 * clock that only the tests move, and each test starts a new period for 127.0.0.1.
 */
abstract class SharedLoginThrottleScenarios extends TwoNodes {

    static final int LIMIT = 6;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:29:00Z"));

    @Override
    List<String> nodeArguments() {
        return List.of(
                "--liandong.reference.load-on-first-start=false",
                "--liandong.security.demo-accounts=false",
                "--liandong.security.login-throttle.max-attempts=" + LIMIT);
    }

    @Override
    SpringApplicationBuilder application() {
        return super.application().initializers(context -> ((GenericApplicationContext) context)
                .registerBean("sharedTestClock", Clock.class, () -> clock, bean -> bean.setPrimary(true)));
    }

    @BeforeEach
    void startANewPeriod() {
        clock.advance(Duration.ofMinutes(2));
    }

    @Test
    void formLoginsOnTwoNodesShareOneCount() {
        HttpClientFixture onA = HttpClientFixture.browser(port(nodeA));
        onA.get("/api/me");
        HttpClientFixture onB = onA.toPort(port(nodeB));
        List<Answer> allowed = new ArrayList<>();
        for (int i = 0; i < LIMIT / 2; i++) {
            allowed.add(onA.login("nobody-a" + i, "wrong-password"));
            allowed.add(onB.login("nobody-b" + i, "wrong-password"));
        }

        Answer nextOnA = onA.login("nobody-a", "wrong-password");
        Answer nextOnB = onB.login("nobody-b", "wrong-password");

        assertThat(allowed).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(401));
        assertThat(nextOnA.status())
                .as("node A after %d attempts on both nodes", LIMIT)
                .isEqualTo(429);
        assertThat(nextOnB.status())
                .as("node B after %d attempts on both nodes", LIMIT)
                .isEqualTo(429);
        assertThat(nextOnB.json().get("type").asString()).isEqualTo("urn:liandong:problem:too-many-login-attempts");
        assertThat(Long.parseLong(nextOnB.header("Retry-After"))).isEqualTo(60L);
    }

    @Test
    void failedMachineCredentialsOnOneNodeHoldBackTheOther() {
        HttpClientFixture guesserOnA = HttpClientFixture.basic(port(nodeA), "nobody", "wrong-password");
        List<Answer> failures = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            failures.add(guesserOnA.get("/api/me"));
        }

        Answer rightOnB =
                HttpClientFixture.basic(port(nodeB), "admin", ADMIN_PASSWORD).get("/api/me");
        clock.advance(Duration.ofSeconds(60));
        Answer rightOnBLater =
                HttpClientFixture.basic(port(nodeB), "admin", ADMIN_PASSWORD).get("/api/me");

        assertThat(failures).allSatisfy(a -> assertThat(a.status()).isEqualTo(401));
        assertThat(rightOnB.status())
                .as("node B after %d failures on node A", LIMIT)
                .isEqualTo(429);
        assertThat(rightOnBLater.status()).as("a period later").isEqualTo(200);
    }

    @Test
    void goodMachineCredentialsOnBothNodesAreNeverCounted() {
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 4 * LIMIT; i++) {
            ConfigurableApplicationContext node = i % 2 == 0 ? nodeA : nodeB;
            answers.add(
                    HttpClientFixture.basic(port(node), "admin", ADMIN_PASSWORD).get("/api/me"));
        }

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(jdbc().sql("SELECT COUNT(*) FROM login_attempt WHERE window_start > ?")
                        .param(clock.millis() - Duration.ofMinutes(1).toMillis())
                        .query(Long.class)
                        .single())
                .as("rows of the current period")
                .isZero();
    }

    @Test
    void successfulFormLoginsUseUpNoAllowance() {
        String token = HttpClientFixture.basic(port(nodeA), "admin", ADMIN_PASSWORD)
                .post("/api/users/admin/tokens", Map.of("name", "12345 platform"))
                .json()
                .get("token")
                .asString();
        List<Answer> logins = new ArrayList<>();
        for (int i = 0; i < 3 * LIMIT; i++) {
            HttpClientFixture seat = HttpClientFixture.browser(port(i % 2 == 0 ? nodeA : nodeB));
            seat.get("/api/me");
            logins.add(seat.login("admin", ADMIN_PASSWORD));
        }

        // The nodes have no reference data to classify a report with: an API token's GET stands for its intake.
        Answer bearerOnB = HttpClientFixture.bearer(port(nodeB), token).get("/api/me");
        Answer basicOnA =
                HttpClientFixture.basic(port(nodeA), "admin", ADMIN_PASSWORD).get("/api/me");
        Answer basicOnB =
                HttpClientFixture.basic(port(nodeB), "admin", ADMIN_PASSWORD).get("/api/me");
        HttpClientFixture guesser = HttpClientFixture.browser(port(nodeA));
        guesser.get("/api/me");
        List<Answer> failures = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            failures.add(guesser.login("nobody-" + i, "wrong-password"));
        }
        Answer afterFailures = guesser.login("admin", ADMIN_PASSWORD);

        assertThat(logins).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
        assertThat(bearerOnB.status())
                .as("an API token on node B after %d logins: %s", 3 * LIMIT, bearerOnB.body())
                .isEqualTo(200);
        assertThat(basicOnA.status())
                .as("Basic on node A after %d logins", 3 * LIMIT)
                .isEqualTo(200);
        assertThat(basicOnB.status())
                .as("Basic on node B after %d logins", 3 * LIMIT)
                .isEqualTo(200);
        assertThat(failures).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(401));
        assertThat(afterFailures.status()).as("after %d failed logins", LIMIT).isEqualTo(429);
    }

    @Test
    void retryAfterIsTheTimeLeftInThePeriod() {
        HttpClientFixture onA = HttpClientFixture.browser(port(nodeA));
        onA.get("/api/me");
        for (int i = 0; i < LIMIT; i++) {
            onA.login("nobody-" + i, "wrong-password");
        }
        clock.advance(Duration.ofMillis(24_500));

        Answer formOnA = onA.login("admin", ADMIN_PASSWORD);
        Answer rememberedOnA = onA.login("admin", ADMIN_PASSWORD);
        Answer basicOnB =
                HttpClientFixture.basic(port(nodeB), "admin", ADMIN_PASSWORD).get("/api/me");
        clock.advance(Duration.ofSeconds(35));
        Answer lastSecondOnB =
                HttpClientFixture.basic(port(nodeB), "admin", ADMIN_PASSWORD).get("/api/me");

        assertThat(formOnA.status()).isEqualTo(429);
        assertThat(formOnA.header("Retry-After")).as("form login, counted").isEqualTo("36");
        assertThat(formOnA.json().get("retryAfterSeconds").asLong()).isEqualTo(36L);
        assertThat(rememberedOnA.header("Retry-After"))
                .as("form login, remembered")
                .isEqualTo("36");
        assertThat(basicOnB.status()).isEqualTo(429);
        assertThat(basicOnB.header("Retry-After")).as("Basic on the other node").isEqualTo("36");
        assertThat(lastSecondOnB.status()).isEqualTo(429);
        assertThat(lastSecondOnB.header("Retry-After")).as("half a second left").isEqualTo("1");
    }

    @Test
    void concurrentFormLoginsOnTwoNodesLetThroughExactlyTheLimit() throws Exception {
        int clients = 8 * LIMIT;
        List<HttpClientFixture> browsers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            HttpClientFixture browser = HttpClientFixture.browser(port(i % 2 == 0 ? nodeA : nodeB));
            browser.get("/api/me");
            browsers.add(browser);
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                HttpClientFixture browser = browsers.get(i);
                String username = "nobody-" + i;
                statuses.add(threads.submit(() -> {
                    go.await();
                    return browser.login(username, "wrong-password").status();
                }));
            }
            go.countDown();
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(60, TimeUnit.SECONDS));
            }

            Map<Integer, Long> byStatus =
                    answered.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(byStatus)
                    .as("answers to %d logins at once on two nodes", clients)
                    .containsOnly(Map.entry(401, (long) LIMIT), Map.entry(429, (long) clients - LIMIT));
        } finally {
            threads.shutdownNow();
        }
    }
}
