package io.liandong.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liandong.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The throttle's rules, counted in an in-memory H2 database migrated like the center's. */
class LoginThrottleTests {

    private final Instant start = Instant.parse("2026-12-04T12:29:00Z");
    private final DataSource database = migratedDatabase();

    private LoginThrottle throttle(Instant now) {
        return throttle(Clock.fixed(now, ZoneOffset.UTC), database);
    }

    /** A throttle of 20 attempts a minute counting in {@code database}, as the center configures it by default. */
    static LoginThrottle throttle(Clock clock, DataSource database) {
        var properties = new IdentityProperties(
                null,
                true,
                null,
                new IdentityProperties.Lockout(5, Duration.ofMinutes(15), Duration.ofMinutes(15)),
                new IdentityProperties.LoginThrottle(20, Duration.ofMinutes(1)),
                List.of());
        var attempts = new LoginAttempts(JdbcClient.create(database), new DataSourceTransactionManager(database));
        return new LoginThrottle(clock, properties, attempts);
    }

    @Test
    void allowsTwentyAttemptsAMinutePerAddress() {
        LoginThrottle throttle = throttle(start);
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.attempt("10.0.0.7").allowed()).isTrue();
        }

        LoginThrottle.Verdict twentyFirst = throttle.attempt("10.0.0.7");

        assertThat(twentyFirst.allowed()).isFalse();
        assertThat(twentyFirst.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.attempt("10.0.0.8").allowed()).isTrue();
    }

    @Test
    void successfulAttemptsAreGivenBackButAttemptsInFlightCount() {
        LoginThrottle throttle = throttle(start);
        for (int i = 0; i < 100; i++) {
            LoginThrottle.Verdict verdict = throttle.attempt("10.0.0.11");
            assertThat(verdict.allowed()).isTrue();
            throttle.succeeded("10.0.0.11", verdict.windowStart());
        }
        List<LoginThrottle.Verdict> inFlight = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            inFlight.add(throttle.attempt("10.0.0.11"));
        }

        assertThat(inFlight).allSatisfy(verdict -> assertThat(verdict.allowed()).isTrue());
        assertThat(throttle.check("10.0.0.11").allowed())
                .as("20 attempts in flight")
                .isFalse();
        assertThat(throttle.attempt("10.0.0.11").allowed()).isFalse();
        throttle.succeeded("10.0.0.11", inFlight.get(0).windowStart());
        throttle.succeeded("10.0.0.11", inFlight.get(1).windowStart());
        assertThat(throttle.check("10.0.0.11").allowed())
                .as("two of them succeeded")
                .isTrue();
    }

    @Test
    void anAttemptOfAnEndedPeriodIsNotGivenBackToTheNext() {
        MutableClock clock = new MutableClock(start);
        LoginThrottle throttle = throttle(clock, database);
        LoginThrottle.Verdict old = throttle.attempt("10.0.0.12");
        clock.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 20; i++) {
            throttle.failed("10.0.0.12");
        }

        throttle.succeeded("10.0.0.12", old.windowStart());

        assertThat(throttle.check("10.0.0.12").allowed()).isFalse();
    }

    @Test
    void checkDoesNotCountButSeesFailures() {
        LoginThrottle throttle = throttle(start);
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.check("10.0.0.9").allowed()).isTrue();
        }
        for (int i = 0; i < 20; i++) {
            throttle.failed("10.0.0.9");
        }

        assertThat(throttle.check("10.0.0.9").allowed()).isFalse();
    }

    @Test
    void checkWritesNothing() {
        LoginThrottle throttle = throttle(start);

        for (int i = 0; i < 100; i++) {
            throttle.check("10.0.0.10");
        }

        assertThat(rows()).isZero();
    }

    @Test
    void twoNodesOnOneDatabaseShareTheCountOfAnAddress() {
        LoginThrottle nodeA = throttle(start);
        LoginThrottle nodeB = throttle(start);
        for (int i = 0; i < 10; i++) {
            assertThat(nodeA.attempt("10.0.0.11").allowed()).isTrue();
            assertThat(nodeB.attempt("10.0.0.11").allowed()).isTrue();
        }
        for (int i = 0; i < 20; i++) {
            nodeA.failed("10.0.0.12");
        }

        assertThat(nodeA.attempt("10.0.0.11").allowed()).isFalse();
        assertThat(nodeB.attempt("10.0.0.11").allowed()).isFalse();
        assertThat(nodeB.check("10.0.0.12").allowed()).isFalse();
    }

    @Test
    void aCleanAddressIsReadAgainAfterASecondAndAtOnceAfterAFailureCountedHere() {
        MutableClock clock = new MutableClock(start);
        LoginThrottle nodeA = throttle(clock, database);
        LoginThrottle nodeB = throttle(clock, database);
        assertThat(nodeB.check("10.0.0.18").allowed()).isTrue();
        for (int i = 0; i < 20; i++) {
            nodeA.failed("10.0.0.18");
        }

        boolean withinTheSecond = nodeB.check("10.0.0.18").allowed();
        clock.advance(Duration.ofMillis(LoginThrottle.RECHECK_MILLIS));
        boolean aSecondLater = nodeB.check("10.0.0.18").allowed();

        assertThat(withinTheSecond)
                .as("taken as clean without a read, for a second")
                .isTrue();
        assertThat(aSecondLater).as("read again").isFalse();

        LoginThrottle nodeC = throttle(clock, database);
        assertThat(nodeC.check("10.0.0.19").allowed()).isTrue();
        for (int i = 0; i < 20; i++) {
            nodeA.failed("10.0.0.19");
        }
        nodeC.failed("10.0.0.19");
        assertThat(nodeC.check("10.0.0.19").allowed())
                .as("a failure counted here ends the clean hint")
                .isFalse();
    }

    @Test
    void aPeriodStartsAtTheFirstAttemptAndEndsAMinuteLater() {
        MutableClock clock = new MutableClock(start);
        LoginThrottle throttle = throttle(clock, database);
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 21; i++) {
            throttle.attempt("10.0.0.13");
        }
        clock.advance(Duration.ofSeconds(59));

        LoginThrottle.Verdict late = throttle.attempt("10.0.0.13");
        clock.advance(Duration.ofSeconds(1));
        LoginThrottle.Verdict next = throttle.attempt("10.0.0.13");

        assertThat(late.allowed()).isFalse();
        assertThat(late.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(next.allowed()).isTrue();
        assertThat(attemptsOf("10.0.0.13")).isEqualTo(1);
    }

    @Test
    void countingDeletesTheRowsOfEndedPeriods() {
        MutableClock clock = new MutableClock(start);
        LoginThrottle throttle = throttle(clock, database);
        throttle.attempt("10.0.0.14");
        throttle.failed("10.0.0.15");
        clock.advance(Duration.ofSeconds(61));

        throttle.attempt("10.0.0.16");

        assertThat(rows()).isOne();
        assertThat(attemptsOf("10.0.0.16")).isOne();
    }

    @Test
    void anAddressLongerThanAnyIpAddressIsCountedUnderItsHash() {
        LoginThrottle throttle = throttle(start);
        String odd = "fe80:0:0:0:0:0:0:1%a-very-long-network-interface-name-0";
        String other = odd.replace("1%", "2%");

        throttle.attempt(odd);
        throttle.attempt(odd);
        throttle.attempt(other);

        String key = LoginAttempts.key(odd);
        assertThat(key).hasSize(LoginAttempts.MAX_ADDRESS_LENGTH).startsWith("#");
        assertThat(LoginAttempts.key(other)).isNotEqualTo(key);
        assertThat(attemptsOf(key)).isEqualTo(2);
        assertThat(LoginAttempts.key("0:0:0:0:0:ffff:255.255.255.255")).isEqualTo("0:0:0:0:0:ffff:255.255.255.255");
    }

    @Test
    void failsClosedWhenTheDatabaseIsUnavailable() {
        JdbcDataSource gone = new JdbcDataSource();
        gone.setURL("jdbc:h2:mem:gone-" + UUID.randomUUID() + ";IFEXISTS=TRUE");
        LoginThrottle throttle = throttle(Clock.fixed(start, ZoneOffset.UTC), gone);

        assertThatThrownBy(() -> throttle.attempt("10.0.0.17"))
                .isInstanceOf(LoginThrottle.CountUnavailable.class)
                .hasMessageContaining("10.0.0.17");
        assertThatThrownBy(() -> throttle.check("10.0.0.17")).isInstanceOf(LoginThrottle.CountUnavailable.class);
        assertThatThrownBy(() -> throttle.failed("10.0.0.17")).isInstanceOf(LoginThrottle.CountUnavailable.class);
    }

    private long rows() {
        return JdbcClient.create(database)
                .sql("SELECT COUNT(*) FROM login_attempt")
                .query(Long.class)
                .single();
    }

    private int attemptsOf(String address) {
        return JdbcClient.create(database)
                .sql("SELECT attempts FROM login_attempt WHERE address = ?")
                .param(address)
                .query(Integer.class)
                .single();
    }

    private static DataSource migratedDatabase() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:throttle-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        database.setUser("sa");
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load()
                .migrate();
        return database;
    }
}
