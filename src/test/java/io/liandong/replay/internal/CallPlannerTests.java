package io.liandong.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.replay.internal.PlannedCall.AgencyPlay;
import io.liandong.replay.internal.PlannedCall.PlannedStep;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CallPlannerTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void groupsRowsByCallIdAndOrdersCallsByReceivedTime() throws IOException {
        List<PlannedCall> calls = plan(Duration.ZERO);

        assertThat(calls)
                .extracting(PlannedCall::callId)
                .containsExactly("200", "100", "300", "400", "600", "500", "700");
        assertThat(call(calls, "100").rows()).extracting(SourceRow::row).containsExactly(1L, 2L, 4L);
    }

    @Test
    void buildsTheReportFromTheCallsFirstRow() throws IOException {
        PlannedCall call = call(plan(Duration.ZERO), "200");

        assertThat(call.idempotencyKey()).isEqualTo("SF-TEST-200");
        assertThat(json.writeValueAsString(call.report()))
                .isEqualTo("{\"channel\":\"119\","
                        + "\"receivedAt\":\"2017-01-01T17:00:00Z\","
                        + "\"address\":\"100 Block of \\\"A\\\" ST, rear, San Francisco\","
                        + "\"lat\":41.63,\"lon\":120.476432,"
                        + "\"text\":\"Structure Fire at 100 Block of \\\"A\\\" ST, rear\","
                        + "\"category\":\"ACC-FIRE-BUILDING\",\"priority\":\"P1\",\"externalRef\":\"SF-TEST-200\"}");
    }

    @Test
    void playsEachAgencyFromItsUnitsFirstTimesAndLastAvailableTime() throws IOException {
        List<AgencyPlay> plays = call(plan(Duration.ZERO), "100").plays();

        assertThat(plays).extracting(AgencyPlay::agency).containsExactly("FIRE-BRIGADE", "EMS-120");
        assertThat(plays.get(0).instructions()).isEqualTo("E1 (ENGINE), T1 (TRUCK)");
        assertThat(steps(plays.get(0)))
                .containsExactly(
                        "DISPATCH 2017-01-01T18:01:00Z row 1",
                        "ACKNOWLEDGE 2017-01-01T18:02:00Z row 1",
                        "ARRIVE 2017-01-01T18:06:00Z row 1",
                        "COMPLETE 2017-01-01T18:40:00Z row 4");
        assertThat(steps(plays.get(1)))
                .containsExactly(
                        "DISPATCH 2017-01-01T18:01:30Z row 2",
                        "ACKNOWLEDGE 2017-01-01T18:02:30Z row 2",
                        "ARRIVE 2017-01-01T18:08:00Z row 2",
                        "COMPLETE 2017-01-01T18:50:00Z row 2");
    }

    @Test
    void leavesOutAStepWhoseTimeRunsBackwardsAndSaysWhy() throws IOException {
        PlannedCall call = call(plan(Duration.ZERO), "400");

        assertThat(steps(call.plays().get(0)))
                .containsExactly(
                        "DISPATCH 2017-01-01T19:31:00Z row 6",
                        "ACKNOWLEDGE 2017-01-01T19:35:00Z row 6",
                        "COMPLETE 2017-01-01T20:10:00Z row 6");
        assertThat(call.stepRejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.row().row()).isEqualTo(6);
            assertThat(rejection.rejection().reason()).isEqualTo("arrive time is before acknowledge time");
            assertThat(rejection.rejection().detail())
                    .isEqualTo("arrive for FIRE-BRIGADE: On Scene DtTm"
                            + " 01/01/2017 11:33:00 AM is before Response DtTm 01/01/2017 11:35:00 AM");
        });
    }

    @Test
    void rejectsOnlyTheRowWhoseUnitTimeDoesNotParse() throws IOException {
        PlannedCall call = call(plan(Duration.ZERO), "400");

        assertThat(call.rejection()).isNull();
        assertThat(call.rowRejections()).hasSize(1);
        Rejection rejection = call.rowRejections().values().iterator().next();
        assertThat(rejection.reason()).isEqualTo("bad time in column 'On Scene DtTm'");
        assertThat(rejection.detail())
                .isEqualTo("column 'On Scene DtTm': 'soon' does not fit MM/dd/yyyy hh:mm:ss a in"
                        + " America/Los_Angeles");
    }

    @Test
    void refusesAWholeCallForABadReceivedTimeOrAnUnmappedType() throws IOException {
        List<PlannedCall> calls = plan(Duration.ZERO);

        assertThat(call(calls, "500").rejection().reason()).isEqualTo("bad time in column 'Received DtTm'");
        assertThat(call(calls, "700").rejection().reason()).isEqualTo("call type 'Sky Is Falling' is not mapped");
        assertThat(call(calls, "700").report()).isNull();
    }

    @Test
    void countsUnitsThatBelongToNoAgencyWePlay() throws IOException {
        PlannedCall call = call(plan(Duration.ZERO), "600");

        assertThat(call.plays()).isEmpty();
        assertThat(call.unitsNotMapped()).isEqualTo(1);
    }

    @Test
    void shiftsEveryTimeByWholeDays() throws IOException {
        PlannedCall call = call(plan(Duration.ofDays(3)), "100");

        assertThat(call.receivedAt()).isEqualTo(Instant.parse("2017-01-04T18:00:00Z"));
        assertThat(call.report().get("receivedAt").asString()).isEqualTo("2017-01-04T18:00:00Z");
        assertThat(call.plays().get(0).steps().get(0).at()).isEqualTo(Instant.parse("2017-01-04T18:01:00Z"));
    }

    @Test
    void readsPointsFromTextInEitherOrder() {
        assertThat(CallPlanner.pointFromText("(37.745858648581, -122.456664252061)", false))
                .containsExactly(37.745858648581, -122.456664252061);
        assertThat(CallPlanner.pointFromText("POINT (-73.93517 40.84735)", true))
                .containsExactly(40.84735, -73.93517);
        assertThat(CallPlanner.pointFromText("", false)).isNull();
        assertThat(CallPlanner.pointFromText("1, 2, 3", false)).isNull();
    }

    private List<PlannedCall> plan(Duration shift) throws IOException {
        CallLog log = CallLog.read(new StringReader(TestLogs.SF_LOG), "calls.csv");
        Mapping mapping = MappingReader.parse(TestLogs.SF_MAPPING, "test.mapping.yaml", log.header(), "calls.csv");
        return new CallPlanner(mapping, log.header(), shift, json).plan(log.rows());
    }

    private static PlannedCall call(List<PlannedCall> calls, String id) {
        return calls.stream().filter(c -> c.callId().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> steps(AgencyPlay play) {
        return play.steps().stream().map(CallPlannerTests::describe).toList();
    }

    private static String describe(PlannedStep step) {
        return step.kind() + " " + step.at() + " row " + step.row().row();
    }
}
