package io.liandong.assessment.internal;

import io.liandong.assessment.StatisticsService;
import io.liandong.assessment.Summary;
import io.liandong.shared.web.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/stats/summary?from=&to=}. */
@RestController
@RequestMapping("/api/stats")
class StatisticsController {

    private static final Duration MAX_RANGE = Duration.ofDays(3660);

    private final StatisticsService statistics;
    private final Clock clock;

    StatisticsController(StatisticsService statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    @GetMapping("/summary")
    Summary summary(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(Duration.ofDays(1));
        if (!start.isBefore(end)) {
            throw Problem.invalid("from", "must be before to (" + end + ")", start.toString());
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw Problem.invalid("from", "the range may span at most 10 years", start.toString());
        }
        return statistics.summary(start, end);
    }
}
