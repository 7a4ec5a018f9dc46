package io.liandong.replay.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.replay.ReplayRunner;
import io.liandong.replay.ReplaySettings;
import io.liandong.replay.ReplaySummary;
import io.liandong.testing.Api;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The README's main job: the shipped real call logs replayed through the HTTP API of a running
 * center, with the exact counts they must give. Run on H2 and on PostgreSQL by the subclasses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=" + SampleReplays.ADMIN_PASSWORD,
            "liandong.security.demo-accounts=false",
            "liandong.home=target/test-home",
        })
abstract class SampleReplays {

    static final String ADMIN_PASSWORD = "admin-Secret-123";

    @LocalServerPort
    int port;

    @TempDir
    Path temp;

    ReplaySummary replay(String sample, String mapping) throws Exception {
        Path log = temp.resolve(Path.of(sample).getFileName());
        Files.copy(Path.of(sample), log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ReplaySettings settings = ReplaySettings.of(
                        log, URI.create("http://127.0.0.1:" + port), "admin", ADMIN_PASSWORD)
                .withMapping(Path.of(mapping))
                .withHome(temp);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        return new ReplayRunner(settings, new PrintStream(err, true, StandardCharsets.UTF_8)).run();
    }

    JsonNode summary(String from, String to) {
        Api.Answer answer = Api.as(port, "admin", ADMIN_PASSWORD)
                .get("/api/stats/summary?from=" + Instant.parse(from) + "&to=" + Instant.parse(to));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void replaysTheSanFranciscoFireSampleWithExactCountsAndRealResponseTimes() throws Exception {
        ReplaySummary sf = replay(
                "samples/sf-fire-week/sf-fire-calls-2016-12-31-to-2017-01-02.csv",
                "samples/sf-fire-week/sf-fire-week.mapping.yaml");

        assertThat(sf.rowsRead()).isEqualTo(2_786);
        assertThat(sf.calls()).isEqualTo(1_344);
        assertThat(sf.rowsAccepted()).isEqualTo(2_786);
        assertThat(sf.rowsFailed()).isZero();
        assertThat(sf.reportsAccepted()).isEqualTo(1_344);
        assertThat(sf.incidentsOpened()).isEqualTo(1_133);
        assertThat(sf.reportsMerged()).isEqualTo(211);
        assertThat(sf.reportsDiverted()).isZero();
        assertThat(sf.stepsFailed()).isZero();

        JsonNode stats = summary("2016-12-30T00:00:00Z", "2017-01-04T00:00:00Z");
        assertThat(stats.get("reports").asLong()).isEqualTo(1_344);
        assertThat(stats.get("incidents").asLong()).isEqualTo(1_133);
        assertThat(stats.get("merged").asLong()).isEqualTo(211);
        assertThat(stats.get("linkageActivations").asLong()).isPositive();
        JsonNode fire = null;
        for (JsonNode agency : stats.get("responseTimes")) {
            if (agency.get("agency").asString().equals("FIRE-BRIGADE")) {
                fire = agency;
            }
        }
        assertThat(fire)
                .as("fire brigade response times from the units' timestamps")
                .isNotNull();
        assertThat(fire.get("arriveP50S").asLong()).isBetween(60L, 3_600L);
        assertThat(fire.get("arriveP90S").asLong())
                .isGreaterThanOrEqualTo(fire.get("arriveP50S").asLong());
    }

    @Test
    void replaysTheNewYork311SampleDivertingNonPoliceRequests() throws Exception {
        ReplaySummary nyc = replay("samples/nyc-311/nyc-311-2024-05-26.csv", "samples/nyc-311/nyc-311.mapping.yaml");

        assertThat(nyc.rowsRead()).isEqualTo(1_000);
        assertThat(nyc.rowsAccepted()).isEqualTo(999);
        assertThat(nyc.rowsRejected())
                .as("one request has neither address nor point")
                .isEqualTo(1);
        assertThat(nyc.rowsFailed()).isZero();
        assertThat(nyc.incidentsOpened()).isEqualTo(401);
        assertThat(nyc.reportsMerged()).isEqualTo(407);
        assertThat(nyc.reportsDiverted()).isEqualTo(191);
        assertThat(Files.readString(nyc.rejectsFile())).contains("address");

        ReplaySummary again = replay("samples/nyc-311/nyc-311-2024-05-26.csv", "samples/nyc-311/nyc-311.mapping.yaml");
        assertThat(again.reportsAlreadyAccepted())
                .as("idempotency keys: nothing stored twice")
                .isEqualTo(999);
        assertThat(again.reportsAccepted() - again.reportsAlreadyAccepted()).isZero();
        JsonNode stats = summary("2024-05-26T00:00:00Z", "2024-05-28T00:00:00Z");
        assertThat(stats.get("reports").asLong()).isEqualTo(999);
        assertThat(stats.get("diverted").asLong()).isEqualTo(191);
    }
}
