package io.liandong.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.testing.Api.Answer;
import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Grouped intake on the PostgreSQL server at 127.0.0.1:5432; statements time out after 10 s here,
 * so that a commit can be made to outlast its connection.
 */
@RequiresPostgres
class GroupedIntakePostgresIntegrationTests extends GroupedIntakeScenarios {

    private static final String SLOW_ADDRESS = "慢提交路 1 号";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
        registry.add("liandong.database.socket-timeout", () -> "10s");
    }

    @Test
    @DisplayName(
            "a group whose commit outlasts its connection: every report answered 503, each stored once, none twice")
    void aCommitWithoutAReplyIsNeverAdmittedAgain() throws Exception {
        // A deferred trigger makes the commit of any transaction holding this report take 14 s on the
        // server: the node's socket times out at 10 s and its connection is closed, while the server
        // goes on and commits. The reports are stored; the node cannot know it.
        jdbc.sql(
                        """
                        CREATE OR REPLACE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS
                        $$ BEGIN PERFORM pg_sleep(14); RETURN NULL; END $$""")
                .update();
        jdbc.sql(
                        """
                        CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON report
                        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                        WHEN (NEW.address = '%s') EXECUTE FUNCTION slow_commit()"""
                                .formatted(SLOW_ADDRESS))
                .update();
        try {
            Held held = holdTheLane();
            String run = "slow-" + System.nanoTime();
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Map<String, Object> report = new LinkedHashMap<>(fire(freshPlace(), 0));
                report.put("externalRef", run + "-" + i);
                if (i == 2) {
                    report.put("address", SLOW_ADDRESS);
                }
                answers.add(send(callTaker, report, Map.of()));
            }

            releaseWhenWaiting(held, 6);

            for (Future<Answer> future : answers) {
                Answer answer = future.get(60, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.text()).isEqualTo(503);
                assertThat(answer.str("type")).endsWith("database-unavailable");
            }
            // The server's commit lands after its 14 s; then each report is there once, and stays so.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (storedOf(run).size() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(1000);
            assertThat(storedOf(run))
                    .as("reports of the group, by externalRef")
                    .containsExactlyInAnyOrder(run + "-0", run + "-1", run + "-2", run + "-3", run + "-4", run + "-5");
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS slow_commit ON report").update();
        }
    }

    private List<String> storedOf(String run) {
        return jdbc.sql("SELECT external_ref FROM report WHERE external_ref LIKE ?")
                .param(run + "-%")
                .query(String.class)
                .list();
    }
}
