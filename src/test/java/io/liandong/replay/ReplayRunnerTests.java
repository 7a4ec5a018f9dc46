package io.liandong.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liandong.replay.FakeCenter.Reply;
import io.liandong.replay.FakeCenter.Request;
import io.liandong.replay.internal.SummaryTable;
import io.liandong.replay.internal.TestLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class ReplayRunnerTests {

    @TempDir
    Path folder;

    private FakeCenter center;
    private Path log;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startCenter() throws IOException {
        center = new FakeCenter();
        center.owners.put("PHE-MEDICAL", "EMS-120");
        log = TestLogs.writeSf(folder);
    }

    @AfterEach
    void stopCenter() {
        center.close();
    }

    @Test
    void filesOneReportPerCallAndPlaysTheUnitsStepsInTimeOrder() throws Exception {
        ReplaySummary summary = replay(settings().withConcurrency(1));

        assertThat(center.playLines())
                .containsExactly(
                        // call 200, received first: ordered, then no en-route time, so arrive and complete are refused
                        // here
                        "POST /api/reports",
                        "GET /api/incidents/2",
                        "POST /api/incidents/2/orders/dispatch",
                        // call 100: the fire brigade is ordered (task 7); the ambulance task (6) came with the incident
                        "POST /api/reports",
                        "GET /api/incidents/5",
                        "POST /api/incidents/5/orders/dispatch",
                        "GET /api/incidents/5",
                        "POST /api/tasks/7/acknowledge",
                        "POST /api/tasks/6/acknowledge",
                        "POST /api/tasks/7/arrive",
                        "POST /api/tasks/6/arrive",
                        "POST /api/tasks/7/complete",
                        "POST /api/tasks/6/complete",
                        // call 300: refused by the center (no address, no point)
                        "POST /api/reports",
                        // call 400: arrive left out (on scene before en route)
                        "POST /api/reports",
                        "GET /api/incidents/9",
                        "POST /api/incidents/9/orders/dispatch",
                        "POST /api/tasks/11/acknowledge",
                        "POST /api/tasks/11/complete",
                        // call 600: a helicopter, played by nobody
                        "POST /api/reports");
        assertThat(center.task(7).path("acknowledgeAt").asString()).isEqualTo("2017-01-01T18:02:00Z");
        assertThat(center.task(7).path("arriveAt").asString()).isEqualTo("2017-01-01T18:06:00Z");
        assertThat(center.task(7).path("completeAt").asString()).isEqualTo("2017-01-01T18:40:00Z");
        assertThat(center.task(6).path("acknowledgeAt").asString()).isEqualTo("2017-01-01T18:02:30Z");
        assertThat(center.task(6).path("completeAt").asString()).isEqualTo("2017-01-01T18:50:00Z");
        assertThat(summary.exitCode()).isZero();
    }

    @Test
    void sendsTheLogsTimesAndIdempotencyKeys() throws Exception {
        replay(settings().withConcurrency(1));

        List<Request> reports = center.requests().stream()
                .filter(r -> r.line().equals("POST /api/reports"))
                .toList();
        assertThat(reports)
                .extracting(Request::idempotencyKey)
                .containsExactly("SF-TEST-200", "SF-TEST-100", "SF-TEST-300", "SF-TEST-400", "SF-TEST-600");
        assertThat(reports)
                .extracting(r -> r.body().path("receivedAt").asString())
                .containsExactly(
                        "2017-01-01T17:00:00Z",
                        "2017-01-01T18:00:00Z",
                        "2017-01-01T19:00:00Z",
                        "2017-01-01T19:30:00Z",
                        "2017-01-01T20:00:00Z");
        Request dispatch = center.requests().stream()
                .filter(r -> r.line().equals("POST /api/incidents/5/orders/dispatch"))
                .findFirst()
                .orElseThrow();
        assertThat(dispatch.body().toString())
                .isEqualTo("{\"version\":0,\"agency\":\"FIRE-BRIGADE\","
                        + "\"instructions\":\"E1 (ENGINE), T1 (TRUCK)\",\"at\":\"2017-01-01T18:01:00Z\"}");
        assertThat(center.requests().stream().filter(r -> r.path().startsWith("/api/tasks/7/")))
                .extracting(r -> r.body().toString())
                .containsExactly(
                        "{\"version\":0,\"at\":\"2017-01-01T18:02:00Z\"}",
                        "{\"version\":1,\"at\":\"2017-01-01T18:06:00Z\"}",
                        "{\"version\":2,\"at\":\"2017-01-01T18:40:00Z\"}");
    }

    @Test
    void countsEveryRowReportAndStepExactly() throws Exception {
        ReplaySummary s = replay(settings());

        assertThat(List.of(
                        s.rowsRead(), s.calls(), s.rowsAccepted(), s.rowsRejected(), s.rowsFailed(), s.rowsNotSent()))
                .containsExactly(11L, 7L, 6L, 5L, 0L, 0L);
        assertThat(List.of(
                        s.reportsAccepted(),
                        s.incidentsOpened(),
                        s.reportsMerged(),
                        s.reportsDiverted(),
                        s.reportsAlreadyAccepted(),
                        s.reportsRejected(),
                        s.reportsFailed()))
                .containsExactly(4L, 4L, 0L, 0L, 0L, 3L, 0L);
        assertThat(List.of(
                        s.tasksDispatched(),
                        s.tasksPlayed(),
                        s.stepsPlayed(),
                        s.stepsAlreadyPlayed(),
                        s.stepsRejected(),
                        s.stepsFailed(),
                        s.unitsNotMapped()))
                .containsExactly(3L, 4L, 11L, 1L, 3L, 0L, 1L);
        assertThat(s.rejectionsByReason())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "HTTP 400 validation (address)", 1L,
                        "bad time in column 'On Scene DtTm'", 1L,
                        "bad time in column 'Received DtTm'", 1L,
                        "call type 'Sky Is Falling' is not mapped", 1L,
                        "wrong number of fields", 1L));
        assertThat(s.stepRejectionsByReason())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "arrive without acknowledge", 1L,
                        "complete without acknowledge", 1L,
                        "arrive time is before acknowledge time", 1L));
        assertThat(s.failuresByReason()).isEmpty();
    }

    @Test
    void writesRejectedRowsWithTheirNumberReasonAndOriginalFields() throws Exception {
        ReplaySummary summary = replay(settings());

        String text = Files.readString(summary.rejectsFile());
        assertThat(text).startsWith("row,line,outcome,reason,Call Number,Unit ID,Call Type,");
        assertThat(text.split("\r\n")).hasSize(1 + 5 + 3);
        assertThat(text).contains("3,4,STEP_REJECTED,arrive: the FIRE-BRIGADE task is still ISSUED;");
        assertThat(text)
                .as("the center's refusal, each thing once")
                .contains("5,6,REJECTED,HTTP 400 validation: address: an address or a lat/lon point is required,"
                        + "300,M7,");
        assertThat(text)
                .contains("6,7,STEP_REJECTED,arrive for FIRE-BRIGADE: On Scene DtTm 01/01/2017 11:33:00 AM"
                        + " is before Response DtTm 01/01/2017 11:35:00 AM,400,E4,Medical Incident");
        assertThat(text).contains("\"1 Block of\nMISSION ST\"");
        assertThat(text).contains("10,12,REJECTED,\"row has 4 fields, the header has 13\",800,E8,too,few\r\n");
        // the summary counts the file's rows, 8, which two quoted fields spread over 10 lines after the header
        assertThat(text.split("\n")).hasSize(1 + 10);
        assertThat(SummaryTable.render(summary)).contains(summary.rejectsFile() + " (8 rows)\n");
    }

    @Test // the rejects file went next to the log, which for the shipped samples is the source tree
    void writesTheRejectsFileUnderTheDataFolderUnlessToldWhere() throws Exception {
        ReplaySummary byDefault = replay(settings());
        ReplaySummary told = replay(settings().withRejects(folder.resolve("mine.csv")));

        assertThat(byDefault.rejectsFile())
                .isEqualTo(folder.resolve("home/replay/calls.rejects.csv").toAbsolutePath());
        assertThat(byDefault.rejectsFile()).isRegularFile();
        assertThat(told.rejectsFile()).isEqualTo(folder.resolve("mine.csv"));
        assertThat(Files.readString(told.rejectsFile())).startsWith("row,line,outcome,reason,Call Number,");
        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).doesNotContain("calls.csv.rejects.csv");
        }
    }

    @Test
    void logsInOnceThenUsesAnApiTokenItRevokesAtTheEnd() throws Exception {
        replay(settings());

        List<Request> requests = center.requests();
        assertThat(requests.get(0).line()).isEqualTo("GET /api/me");
        assertThat(requests.get(0).authorization()).startsWith("Basic ");
        assertThat(requests.get(1).line()).isEqualTo("POST /api/users/admin/tokens");
        assertThat(requests.get(requests.size() - 1).line()).isEqualTo("DELETE /api/users/admin/tokens/7");
        assertThat(requests.subList(2, requests.size() - 1))
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + FakeCenter.TOKEN));
    }

    @Test // re-running a replay into the same center must store nothing twice
    void aSecondRunCountsEveryReportAsAlreadyAcceptedAndSendsNoStep() throws Exception {
        replay(settings());
        int before = center.requests().size();

        ReplaySummary again = replay(settings());

        assertThat(again.reportsAccepted()).isEqualTo(4);
        assertThat(again.reportsAlreadyAccepted()).isEqualTo(4);
        assertThat(again.incidentsOpened()).isZero();
        assertThat(again.tasksDispatched()).isZero();
        assertThat(again.stepsPlayed()).isZero();
        assertThat(again.stepsAlreadyPlayed()).isEqualTo(12);
        assertThat(center.reportCount()).isEqualTo(4);
        assertThat(center.requests().subList(before, center.requests().size()))
                .noneMatch(r -> r.path().contains("/orders/") || r.path().matches("/api/tasks/\\d+/\\w+"));
        assertThat(again.exitCode()).isZero();
    }

    @Test // regression: the incident's version sits inside the answer's "incident" part; read at the top it was 0
    void ordersASecondAgencyWithTheVersionTheFirstOrderLeft() throws Exception {
        center.owners.clear();

        ReplaySummary summary = replay(settings().withConcurrency(1));

        List<Request> orders = center.requests().stream()
                .filter(r -> r.line().equals("POST /api/incidents/5/orders/dispatch"))
                .toList();
        assertThat(orders)
                .extracting(r ->
                        r.body().path("agency").asString() + " v" + r.body().path("version"))
                .containsExactly("FIRE-BRIGADE v0", "EMS-120 v1");
        assertThat(summary.failuresByReason()).isEmpty();
        assertThat(summary.tasksDispatched()).isEqualTo(4);
    }

    @Test
    void retriesAStepAfterAStaleVersion() throws Exception {
        AtomicInteger conflicts = new AtomicInteger();
        center.override(r -> r.line().equals("POST /api/tasks/7/acknowledge") && conflicts.getAndIncrement() == 0
                ? Reply.problem(409, "stale-version", "task changed")
                : null);

        ReplaySummary summary = replay(settings().withConcurrency(1));

        assertThat(center.playLines())
                .containsSubsequence(
                        "POST /api/tasks/7/acknowledge", "GET /api/tasks/7", "POST /api/tasks/7/acknowledge");
        assertThat(summary.stepsPlayed()).isEqualTo(11);
        assertThat(summary.exitCode()).isZero();
    }

    @Test // a step on a task that is final is 422 whatever its version, no longer 409
    void aStepOnATaskSomeoneElseCompletedMeanwhileWasAlreadyPlayed() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        center.override(r -> {
            if (r.line().equals("POST /api/tasks/7/acknowledge") && sent.getAndIncrement() == 0) {
                ObjectNode task = center.task(7);
                task.put("status", "COMPLETED")
                        .put("version", task.path("version").asLong() + 1);
            }
            return null;
        });

        ReplaySummary summary = replay(settings().withConcurrency(1));

        assertThat(center.playLines()).containsSubsequence("POST /api/tasks/7/acknowledge", "GET /api/tasks/7");
        assertThat(center.playLines()).containsOnlyOnce("POST /api/tasks/7/acknowledge");
        assertThat(summary.stepsRejected()).isEqualTo(3);
        assertThat(summary.exitCode()).isZero();
    }

    @Test
    void failsWithStatus2WhenTheCenterAnswers5xx() throws Exception {
        center.override(r -> "SF-TEST-400".equals(r.idempotencyKey())
                ? new Reply(503, "{\"status\":503,\"title\":\"Service Unavailable\",\"correlationId\":\"c-1\"}")
                : null);

        ReplaySummary summary = replay(settings());

        assertThat(summary.rowsFailed()).isEqualTo(2);
        assertThat(summary.rowsRejected()).isEqualTo(4);
        assertThat(summary.reportsFailed()).isEqualTo(1);
        assertThat(summary.failuresByReason()).containsExactly(Map.entry("HTTP 503", 1L));
        assertThat(summary.exitCode()).isEqualTo(ReplaySummary.FAILED);
        assertThat(Files.readString(summary.rejectsFile()))
                .contains("6,7,FAILED,POST /api/reports: HTTP 503: Service Unavailable,400,E4");
    }

    @Test
    void failsTheRowsOfAStepThatTheCenterCannotTake() throws Exception {
        center.override(r -> r.line().equals("POST /api/tasks/6/arrive") ? new Reply(500, "{\"status\":500}") : null);

        ReplaySummary summary = replay(settings().withConcurrency(1));

        assertThat(summary.stepsFailed()).isEqualTo(1);
        assertThat(summary.rowsFailed()).isEqualTo(1);
        assertThat(summary.exitCode()).isEqualTo(ReplaySummary.FAILED);
        assertThat(center.playLines()).doesNotContain("POST /api/tasks/6/complete");
    }

    @Test
    void stopsSendingReportsAfterTooManyFailedCalls() throws Exception {
        center.override(r -> r.line().equals("POST /api/reports") ? new Reply(502, "") : null);

        ReplaySummary summary = replay(settings().withConcurrency(1).withMaxFailures(2));

        assertThat(summary.reportsFailed()).isEqualTo(2);
        assertThat(summary.rowsFailed()).isEqualTo(4);
        assertThat(summary.rowsNotSent()).isEqualTo(4);
        assertThat(summary.exitCode()).isEqualTo(ReplaySummary.FAILED);
        assertThat(center.playLines()).hasSize(2);
    }

    @Test
    void refusesToStartWhenTheCenterCannotBeReached() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        ReplaySettings settings = ReplaySettings.of(log, closed, "admin", "secret-password");

        assertThatThrownBy(() -> new ReplayRunner(settings, new PrintStream(err)).run())
                .isInstanceOf(ReplayException.class)
                .hasMessageStartingWith("cannot reach the center at " + closed + ": connection refused")
                .satisfies(e -> assertThat(((ReplayException) e).exitCode()).isEqualTo(ReplaySummary.FAILED));
    }

    @Test
    void refusesToStartWhenTheLoginIsRefused() {
        center.override(r -> r.line().equals("GET /api/me") ? Reply.problem(401, "unauthorized", "who") : null);

        assertThatThrownBy(() -> replay(settings()))
                .isInstanceOf(ReplayException.class)
                .hasMessage("the center at " + center.url() + " refused the login of user admin (HTTP 401)");
    }

    @Test
    void refusesToStartForAUserWithoutTheAdminRole() {
        center.override(r -> r.line().equals("GET /api/me")
                ? new Reply(200, "{\"username\":\"calltaker\",\"roles\":[\"CALL_TAKER\"]}")
                : null);

        assertThatThrownBy(() -> replay(settings()))
                .isInstanceOf(ReplayException.class)
                .hasMessage("user admin may not run a replay: it needs the ADMIN role (a replay files reports, orders"
                        + " agencies and takes their task steps), and has CALL_TAKER")
                .satisfies(e -> assertThat(((ReplayException) e).exitCode()).isEqualTo(ReplaySummary.FAILED));
        assertThat(center.requests()).noneMatch(r -> r.line().startsWith("POST /api/reports"));
    }

    @Test
    void refusesAMappingThatNamesCodesTheCenterDoesNotKnow() {
        center.override(
                r -> r.line().equals("GET /api/categories") ? new Reply(200, "[{\"code\":\"PHE-MEDICAL\"}]") : null);

        assertThatThrownBy(() -> replay(settings()))
                .isInstanceOf(ReplayException.class)
                .hasMessage("mapping " + folder.resolve("test.mapping.yaml") + " names categories the center at "
                        + center.url() + " does not know: ACC-FIRE-BUILDING")
                .satisfies(e -> assertThat(((ReplayException) e).exitCode()).isEqualTo(ReplaySummary.USAGE));
    }

    @Test
    void keepsCountsTheSameWhateverTheNumberOfClients() throws Exception {
        ReplaySummary one = replay(settings().withConcurrency(1));
        center.close();
        center = new FakeCenter();
        center.owners.put("PHE-MEDICAL", "EMS-120");

        ReplaySummary eight = replay(settings().withConcurrency(8).withRejects(folder.resolve("8.csv")));

        assertThat(eight)
                .usingRecursiveComparison()
                .ignoringFields("target", "elapsed", "rejectsFile")
                .isEqualTo(one);
        assertThat(Files.readString(folder.resolve("8.csv"))).isEqualTo(Files.readString(one.rejectsFile()));
    }

    @Test
    void paysTheLogsOwnPaceUnderSpeed() throws Exception {
        // The playable calls span 09:00 to 12:00 and their last step 12:20: 200 minutes; at 20,000 times
        // real time that is 0.6 s.
        long start = System.nanoTime();

        ReplaySummary summary = replay(settings().withSpeed(20_000));

        assertThat((System.nanoTime() - start) / 1e9).isGreaterThan(0.55);
        assertThat(summary.stepsPlayed()).isEqualTo(11);
    }

    @Test
    void sendsNothingOnADryRun() throws Exception {
        ReplaySummary summary = replay(settings().withDryRun(true));

        assertThat(center.requests()).isEmpty();
        assertThat(summary.rowsRejected()).isEqualTo(4);
        assertThat(summary.rowsAccepted()).isEqualTo(7);
        assertThat(summary.stepsRejected()).isEqualTo(1);
    }

    private ReplaySettings settings() {
        return ReplaySettings.of(log, center.url(), "admin", "secret-password").withHome(folder.resolve("home"));
    }

    private ReplaySummary replay(ReplaySettings settings) throws Exception {
        return new ReplayRunner(settings, new PrintStream(err, true, StandardCharsets.UTF_8)).run();
    }
}
