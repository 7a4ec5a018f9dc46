package io.liandong.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 311-style log without unit times: the tasks the center issues on intake are played from the row's dates. */
class IssuedTaskReplayTests {

    private static final String LOG =
            """
            unique_key,created_date,agency,complaint_type,descriptor,status,incident_address,city,latitude,\
            longitude,closed_date
            1,2024-05-26T23:10:00.000,DSNY,Dirty Condition,Trash,Closed,1 MAIN ST,BROOKLYN,40.70,-73.95,\
            2024-05-27T00:10:00.000
            2,2024-05-26T23:20:00.000,NYPD,Noise - Residential,Loud Music/Party,Closed,2 MAIN ST,BROOKLYN,40.71,\
            -73.95,2024-05-26T23:50:00.000
            3,2024-05-26T23:25:00.000,NYPD,Noise - Residential,Loud Music/Party,In Progress,2 MAIN ST,BROOKLYN,\
            40.71,-73.95,
            4,2024-05-26T23:30:00.000,TLC,For Hire Vehicle Complaint,Driver,In Progress,,,,,
            5,2024-05-26T23:40:00.000,DOT,Street Condition,Pothole,Closed,3 MAIN ST,QUEENS,40.72,-73.90,\
            2024-05-26T23:35:00.000
            """;

    private static final String MAPPING =
            """
            source: {name: NYC-TEST, title: test, attribution: made up}
            call: {id: unique_key, receivedAt: created_date}
            time: {format: ISO_LOCAL_DATE_TIME, zone: America/New_York}
            channel: "12345"
            category:
              column: complaint_type
              by:
                column: agency
                maps:
                  NYPD: {Noise - Residential: SOC-PUBLIC-ORDER, "*": SOC-OTHER-POLICE}
              map:
                Dirty Condition: SVC-SANITATION
                Street Condition: SVC-ROAD-FACILITY
                For Hire Vehicle Complaint: SVC-TRANSPORT
              default: SVC
            address: "{incident_address}, {city}"
            text: "{complaint_type}: {descriptor}"
            location: {latitude: latitude, longitude: longitude}
            units:
              agency: ISSUED
              acknowledge: created_date
              complete: closed_date
              completeWhen: {column: status, in: [Closed]}
            """;

    @TempDir
    Path folder;

    private FakeCenter center;
    private Path log;

    @BeforeEach
    void startCenter() throws IOException {
        center = new FakeCenter();
        center.diverted.addAll(List.of("SVC-SANITATION", "SVC-ROAD-FACILITY", "SVC-TRANSPORT"));
        center.owners.put("SOC-PUBLIC-ORDER", "POLICE-SHUANGTA");
        center.merging.add("SOC-PUBLIC-ORDER");
        center.categories.addAll(List.of(
                "SOC-PUBLIC-ORDER", "SOC-OTHER-POLICE", "SVC-SANITATION", "SVC-ROAD-FACILITY", "SVC-TRANSPORT", "SVC"));
        Files.writeString(folder.resolve("nyc.mapping.yaml"), MAPPING);
        log = Files.writeString(folder.resolve("requests.csv"), LOG);
    }

    @AfterEach
    void stopCenter() {
        center.close();
    }

    @Test
    void acknowledgesDivertedTasksAtCreationAndCompletesClosedOnesAtClosing() throws Exception {
        replay(1);

        assertThat(center.playLines().subList(0, 4))
                .containsExactly(
                        "POST /api/reports",
                        "GET /api/tasks/3",
                        "POST /api/tasks/3/acknowledge",
                        "POST /api/tasks/3/complete");
        assertThat(center.task(3).path("acknowledgeAt").asString()).isEqualTo("2024-05-27T03:10:00Z");
        assertThat(center.task(3).path("completeAt").asString()).isEqualTo("2024-05-27T04:10:00Z");
        assertThat(center.task(3).path("agency").asString()).isEqualTo("LAW-ENFORCEMENT");
    }

    @Test
    void playsAMergedReportOnTheTasksOfTheIncidentItJoined() throws Exception {
        ReplaySummary summary = replay(1);

        assertThat(center.playLines())
                .containsSubsequence(
                        "POST /api/reports",
                        "GET /api/tasks/6",
                        "POST /api/tasks/6/acknowledge",
                        "POST /api/tasks/6/complete",
                        "POST /api/reports",
                        "GET /api/incidents/5");
        assertThat(summary.reportsMerged()).isEqualTo(1);
        assertThat(summary.stepsAlreadyPlayed()).isEqualTo(1);
    }

    @Test
    void countsDivertedMergedAndOpenedReportsAndTheirSteps() throws Exception {
        for (int clients : new int[] {1, 4}) {
            center.close();
            startCenter();

            ReplaySummary s = replay(clients);

            assertThat(List.of(
                            s.reportsAccepted(),
                            s.incidentsOpened(),
                            s.reportsMerged(),
                            s.reportsDiverted(),
                            s.reportsRejected()))
                    .as("with %d clients", clients)
                    .containsExactly(4L, 1L, 1L, 2L, 1L);
            assertThat(List.of(
                            s.tasksDispatched(),
                            s.tasksPlayed(),
                            s.stepsPlayed(),
                            s.stepsAlreadyPlayed(),
                            s.stepsRejected()))
                    .as("with %d clients", clients)
                    .containsExactly(0L, 3L, 5L, 1L, 1L);
            assertThat(s.stepRejectionsByReason())
                    .containsExactly(Map.entry("complete time is before acknowledge time", 1L));
            assertThat(s.exitCode()).isZero();
        }
    }

    private ReplaySummary replay(int clients) throws Exception {
        ReplaySettings settings = ReplaySettings.of(log, center.url(), "admin", "secret-password")
                .withConcurrency(clients)
                .withHome(folder);
        return new ReplayRunner(settings, new PrintStream(new ByteArrayOutputStream())).run();
    }
}
