package io.liandong.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The core scenarios on the PostgreSQL server at 127.0.0.1:5432. */
@RequiresPostgres
class CoreScenariosPostgresIntegrationTests extends CoreScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }

    @Test
    void aTaskTheOverdueWatchCannotHandleHoldsUpNoOtherAndIsTriedAgainLater() {
        long incident = gasReport(clock.instant()).id("incidentId");
        List<Long> tasks = jdbc.sql("SELECT id FROM task WHERE incident_id = ? ORDER BY id")
                .param(incident)
                .query(Long.class)
                .list();
        long broken = tasks.get(0);
        // the oldest deadline of the incident, so that the watch reads it first
        jdbc.sql("UPDATE task SET watch_at = watch_at - INTERVAL '1 minute' WHERE id = ?")
                .param(broken)
                .update();
        jdbc.sql(
                        """
                        CREATE FUNCTION refuse_notification() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                          IF NEW.task_id = %d THEN RAISE EXCEPTION 'refused for the test'; END IF;
                          RETURN NEW;
                        END $$"""
                                .formatted(broken))
                .update();
        jdbc.sql("CREATE TRIGGER refuse_notification BEFORE INSERT ON notification FOR EACH ROW"
                        + " EXECUTE FUNCTION refuse_notification()")
                .update();
        try {
            clock.advance(Duration.ofHours(1));
            watchDeadlines();

            assertThat(recordTypes(incident).stream().filter("TASK_OVERDUE"::equals))
                    .as("every other task of the incident is marked")
                    .hasSize(tasks.size() - 1);
            Instant again = jdbc.sql("SELECT watch_at FROM task WHERE id = ? AND overdue_stage IS NULL")
                    .param(broken)
                    .query(Instant.class)
                    .single();
            assertThat(again)
                    .as("tried again a minute later")
                    .isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        } finally {
            jdbc.sql("DROP TRIGGER refuse_notification ON notification").update();
            jdbc.sql("DROP FUNCTION refuse_notification()").update();
        }

        clock.advance(Duration.ofMinutes(2));
        watchDeadlines();
        assertThat(recordTypes(incident).stream().filter("TASK_OVERDUE"::equals))
                .hasSize(tasks.size());
    }
}
