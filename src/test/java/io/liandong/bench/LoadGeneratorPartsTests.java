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
