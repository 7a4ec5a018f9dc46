package io.liandong.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LoadGeneratorPartsTests {

    @Test
    void percentilesAreNearestRankOverEveryValue() {
        Latencies latencies = new Latencies();
        LongStream.rangeClosed(1, 1000).map(i -> 1001 - i).forEach(latencies::add);

        assertThat(latencies.percentile(0.5)).isEqualTo(500);
        assertThat(latencies.percentile(0.99)).isEqualTo(990);
        assertThat(latencies.percentile(0.999)).isEqualTo(999);
        assertThat(latencies.max()).isEqualTo(1000);
        assertThat(new Latencies().percentile(0.5)).isEqualTo(Latencies.NONE);
    }

    @Test
    void mergedLatenciesHoldEveryThreadsValues() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        LongStream.range(0, 2000).forEach(a::add);
        b.add(5000);

        Latencies all = Latencies.merge(List.of(a, b));

        assertThat(all.count()).isEqualTo(2001);
        assertThat(all.max()).isEqualTo(5000);
    }

    @Test
    void aStallShowsInTheSecondItHit() {
        long s = 1_000_000_000L;
        long ms = 1_000_000L;
        // three reports due in second 0, one in second 1 (none seen), two in second 2
        long[] starts = {0, s / 2, s / 3, s + 1, 2 * s, 2 * s + 10};
        Long[] ends = {5 * ms, s / 2 + 300 * ms, s / 3 + 7 * ms, null, 2 * s + 20 * ms, 2 * s + 40 * ms};

        assertThat(LoadGenerator.perSecondP99(starts, i -> ends[i], starts.length, 0))
                .isEqualTo("300 - 40");
        assertThat(LoadGenerator.perSecondP99(starts, i -> ends[i], 3, 0)).isEqualTo("300");
    }

    @Test
    void readsFixedLengthAndChunkedAnswersOnOneKeptAliveConnection() throws Exception {
        String fixed = "HTTP/1.1 201 \r\nContent-Type: application/json\r\nContent-Length: 29\r\n\r\n"
                + "{\"outcome\":\"MERGED\",\"x\":\"é\"}";
        String chunked =
                "HTTP/1.1 422 \r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n4;ext=1\r\n\"b\"}\r\n0\r\n\r\n";
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answer(server, fixed, chunked));
            answering.start();
            try (HttpConnection connection = new HttpConnection("127.0.0.1", server.getLocalPort(), 5000)) {
                HttpConnection.Response first = connection.exchange(request());
                HttpConnection.Response second = connection.exchange(request());

                assertThat(first.status()).isEqualTo(201);
                assertThat(first.body()).isEqualTo("{\"outcome\":\"MERGED\",\"x\":\"é\"}");
                assertThat(second.status()).isEqualTo(422);
                assertThat(second.body()).isEqualTo("{\"a\":\"b\"}");
                assertThat(connection.opened()).isEqualTo(1);
            }
            answering.join(5000);
        }
    }

    @Test
    void reportsAreTheSameForTheSameSeedAndStayInsideChaoyang() {
        ReportMix mix = new ReportMix(7, 0.1, Set.of());
        for (long i = 0; i < 2000; i++) {
            ReportMix.Report report = mix.report(i);
            assertThat(report.lat()).isBetween(ReportMix.SOUTH - 0.001, ReportMix.NORTH + 0.001);
            assertThat(report.lon()).isBetween(ReportMix.WEST - 0.001, ReportMix.EAST + 0.001);
            assertThat(report.json("r"))
                    .isEqualTo(new ReportMix(7, 0.1, Set.of()).report(i).json("r"));
        }
    }

    @Test
    void refusesToSkipACategoryThatIsNotInTheMix() {
        assertThatThrownBy(() -> new ReportMix(1, 0.1, Set.of("SVC-NOPE")))
                .hasMessageContaining("cannot skip SVC-NOPE");
    }

    @Test
    void refusesATargetOtherThanThisMachine() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--url", "http://192.0.2.1:8080", "--password", "x"}))
                .hasMessageContaining("must name this machine");
    }

    @Test
    void aBatchHoldsEachReportAsSentAloneWithTheKeyItsHeaderWouldCarry() {
        ReportMix mix = new ReportMix(7, 0.1, Set.of());

        String body = LoadRun.batchJson(mix, "ab1", 5, 8);

        assertThat(body)
                .isEqualTo("{\"reports\":["
                        + "{\"idempotencyKey\":\"lg-ab1-5\",\"report\":"
                        + mix.report(5).json("LG-ab1-5") + "},"
                        + "{\"idempotencyKey\":\"lg-ab1-6\",\"report\":"
                        + mix.report(6).json("LG-ab1-6") + "},"
                        + "{\"idempotencyKey\":\"lg-ab1-7\",\"report\":"
                        + mix.report(7).json("LG-ab1-7") + "}]}");
        assertThat(LoadRun.batchJson(mix, "ab1", 9, 10))
                .isEqualTo("{\"reports\":[{\"idempotencyKey\":\"lg-ab1-9\",\"report\":"
                        + mix.report(9).json("LG-ab1-9") + "}]}");
    }

    @Test
    void readsOneOutcomePerReportFromABatchAnswerInRequestOrder() {
        String answer = "{\"received\":4,\"stored\":3,\"replayed\":1,\"results\":["
                + "{\"replayed\":false,\"result\":{\"reportId\":11,\"outcome\":\"INCIDENT_OPENED\",\"incidentId\":7,"
                + "\"category\":\"ACC-FIRE-BUILDING\",\"categoryName\":\"火灾 ] , { \\\"x\\\" [\","
                + "\"suggestion\":{\"category\":\"ACC-FIRE-BUILDING\",\"confidence\":0.9},\"priority\":\"P1\","
                + "\"severity\":\"HIGH\",\"plan\":\"FIRE-1\",\"taskIds\":[1,2,3],\"leaderNotified\":true}},"
                + " {\"replayed\":true,\"result\":{\"reportId\":12,\"outcome\":\"MERGED\",\"plan\":null,"
                + "\"taskIds\":[]}},\n"
                + "{\"replayed\":false,\"result\":{\"reportId\":13,\"outcome\":\"DIVERTED\",\"taskIds\":[]}},"
                + "{\"replayed\":false,\"result\":{\"reportId\":14,\"outcome\":\"INCIDENT_OPENED\",\"plan\":null}}"
                + "]}";

        assertThat(RunTally.batchOutcomes(answer))
                .containsExactly("INCIDENT_OPENED+plan", "MERGED", "DIVERTED", "INCIDENT_OPENED");
        assertThat(RunTally.batchOutcomes("{\"results\" : [ ]}")).isEmpty();
        assertThat(RunTally.batchOutcomes("{\"type\":\"about:blank\",\"status\":422}"))
                .isEmpty();
    }

    @Test
    void countsABatchPerReportWithEachReportsOwnDueTime() {
        RunTally tally = new RunTally();
        tally.runStartNanos = 0;
        String answer = "{\"received\":3,\"stored\":3,\"replayed\":0,\"results\":["
                + "{\"replayed\":false,\"result\":{\"outcome\":\"MERGED\"}},"
                + "{\"replayed\":false,\"result\":{\"outcome\":\"DIVERTED\"}},"
                + "{\"replayed\":false,\"result\":{\"outcome\":\"MERGED\"}}]}";

        tally.answeredBatch(200, answer, new long[] {1_000, 2_000, 3_000}, 3_000, 10_000);
        tally.answeredBatch(
                422, "{\"title\":\"Unprocessable\",\"status\":422}", new long[] {4_000, 5_000}, 5_000, 9_000);
        tally.sent = 5;

        assertThat(tally.succeeded).isEqualTo(3);
        assertThat(tally.failures()).isEqualTo(2);
        assertThat(tally.statuses).containsExactly(Map.entry("200", 3L), Map.entry("422", 2L));
        assertThat(tally.outcomes).containsExactly(Map.entry("DIVERTED", 1L), Map.entry("MERGED", 2L));
        assertThat(tally.latency.count()).isEqualTo(5);
        assertThat(tally.latency.max()).isEqualTo(9_000);
        assertThat(tally.latency.percentile(0.2)).isEqualTo(4_000);
        assertThat(tally.service.max()).isEqualTo(7_000);
        assertThat(tally.sampleErrors).containsOnlyKeys("422");

        tally.answeredBatch(200, answer, new long[] {0, 0, 0, 0}, 0, 1);
        assertThat(tally.outcomes).containsEntry("missing", 1L);
        assertThat(tally.sampleErrors).containsKey("results");
    }

    @Test
    void takesABatchSizeFrom1To500AndRefusesAnythingElseClearly() {
        assertThat(LoadOptions.parse(new String[] {"--password", "x"}).batch()).isEqualTo(1);
        assertThat(LoadOptions.parse(new String[] {"--password", "x"}).batched())
                .isFalse();
        assertThat(LoadOptions.parse(new String[] {"--password", "x", "--batch", "500"})
                        .batch())
                .isEqualTo(500);
        assertThat(LoadOptions.parse(new String[] {"--password", "x", "--max", "--batch", "50"})
                        .batched())
                .isTrue();

        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--password", "x", "--batch", "0"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--batch must be within 1..500, was 0");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--password", "x", "--batch", "501"}))
                .hasMessage("--batch must be within 1..500, was 501");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--password", "x", "--batch", "ten"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--batch must be a whole number within 1..500, was ten");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--password", "x", "--batch", "2.5"}))
                .hasMessage("--batch must be a whole number within 1..500, was 2.5");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--password", "x", "--batch"}))
                .hasMessage("--batch needs a value");
        assertThat(LoadOptions.USAGE).contains("--batch N");
    }

    private static byte[] request() {
        return "POST /api/reports HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void answer(ServerSocket server, String... answers) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (String answer : answers) {
                in.readNBytes(request().length);
                out.write(answer.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException("test server failed", e);
        }
    }
}
