package io.liandong.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.dispatch.internal.OverdueWatch;
import io.liandong.testing.Api;
import io.liandong.testing.Databases;
import io.liandong.testing.MutableClock;
import io.liandong.testing.TestClockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The overdue watch of a node that starts with a shorter {@code remind-every} than the one its tasks were reminded
 * under: a context of its own, so that the scan below is this node's first.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.dispatch.overdue.remind-every=PT1M",
            "liandong.security.admin-password=" + OverdueWatchIntegrationTests.PASSWORD,
            "liandong.security.demo-accounts=false",
            "liandong.home=target/test-home",
        })
@Import(TestClockConfiguration.class)
class OverdueWatchIntegrationTests {

    static final String PASSWORD = "admin-Secret-123";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    OverdueWatch watch;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aShorterRemindEveryAppliesAtStartToTasksRemindedUnderALongerOne() {
        Api admin = Api.as(port, "admin", PASSWORD);
        Api.Answer report = admin.post(
                "/api/reports",
                Map.of(
                        "channel", "110",
                        "lat", 41.5712,
                        "lon", 120.4523,
                        "text", "仓库起火，有浓烟",
                        "category", "ACC-FIRE-BUILDING"));
        assertThat(report.status()).as(report.text()).isEqualTo(201);
        long incident = report.id("incidentId");
        Instant now = clock.instant();
        // as a node with remind-every PT10M left them: reminded two minutes ago, next look in eight minutes
        int tasks = jdbc.sql("UPDATE task SET overdue_stage = 'ACKNOWLEDGE', reminders = 1, last_reminded_at = ?,"
                        + " watch_at = ? WHERE incident_id = ?")
                .params(now.minus(Duration.ofMinutes(2)), now.plus(Duration.ofMinutes(8)), incident)
                .update();
        assertThat(tasks).isPositive();

        assertThat(watch.scan())
                .as("each task is a minute past its reminder under PT1M")
                .isEqualTo(tasks);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM task WHERE incident_id = ? AND reminders = 2 AND watch_at = ?")
                        .params(incident, now.plus(Duration.ofMinutes(1)))
                        .query(Long.class)
                        .single())
                .isEqualTo(tasks);
    }
}
