package io.liandong.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.replay.ReplaySummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTableTests {

    @Test
    void printsEveryCountReasonsByFrequencyThroughputAndExitStatus() {
        ReplaySummary summary = new ReplaySummary(
                "SF-FIRE (calls.csv)",
                "http://127.0.0.1:8080",
                7704,
                3560,
                7690,
                12,
                2,
                0,
                3555,
                0,
                5,
                0,
                3100,
                400,
                55,
                5000,
                5557,
                15000,
                20,
                33,
                0,
                0,
                Map.of("HTTP 400 validation (address)", 10L, "call type 'Foo' is not mapped", 2L),
                Map.of("arrive without acknowledge", 32L, "arrive time is before acknowledge time", 1L),
                Map.of("HTTP 503", 2L),
                Duration.ofSeconds(15),
                Path.of("calls.csv.rejects.csv"));

        assertThat(SummaryTable.render(summary))
                .isEqualTo(
                        """
                Replay of SF-FIRE (calls.csv) into http://127.0.0.1:8080
                  rows read                   7,704
                  calls                       3,560
                  rows accepted               7,690
                  rows rejected                  12   their own data was refused
                  rows failed                     2   not the rows' fault: see failures
                  reports accepted            3,555
                    incidents opened          3,100
                    merged                      400
                    diverted                     55
                    already accepted              0   sent before with the same key
                  reports rejected                5
                  reports failed                  0
                  tasks dispatched            5,000   ordered by the replay
                  tasks played                5,557   with at least one step sent
                  steps played               15,000   dispatch, acknowledge, arrive, complete
                  steps already played           20
                  steps rejected                 33
                  steps failed                    0
                  units not mapped                0   rows whose unit belongs to no agency we play
                  rows rejected, by reason
                          10  HTTP 400 validation (address)
                           2  call type 'Foo' is not mapped
                  steps rejected, by reason
                          32  arrive without acknowledge
                           1  arrive time is before acknowledge time
                  failures, by reason
                           2  HTTP 503
                  throughput             513.6 rows/s, 237.0 reports/s
                  elapsed                0:15
                  rejects file           calls.csv.rejects.csv (47 rows)
                  exit status            2
                """);
    }
}
