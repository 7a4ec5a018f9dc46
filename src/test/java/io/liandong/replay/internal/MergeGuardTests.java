package io.liandong.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class MergeGuardTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final MergeGuard guard = new MergeGuard(Duration.ofHours(1), 1000);

    @Test
    void filesACallAfterEarlierCallsOfTheSameCategoryNearbyInTimeAndSpace() {
        List<PlannedCall> calls = List.of(
                call("10:00", "PHE-MEDICAL", 41.570, 120.450),
                call("10:10", "PHE-MEDICAL", 41.575, 120.450), // 556 m away
                call("10:20", "ACC-ALARM", 41.570, 120.450), // another category
                call("10:30", "PHE-MEDICAL", 41.600, 120.450), // 3.3 km away
                call("11:05", "PHE-MEDICAL", 41.5705, 120.450)); // more than an hour after the first

        assertThat(guard.predecessors(calls))
                .containsExactly(new int[0], new int[] {0}, new int[0], new int[0], new int[] {1});
    }

    @Test
    void treatsACallWithoutAPointOrCategoryAsPossiblyMergingWithAnyOther() {
        List<PlannedCall> calls = List.of(
                call("10:00", "PHE-MEDICAL", 41.57, 120.45),
                call("10:01", null, 41.571, 120.450),
                call("10:01", null, 41.900, 120.900),
                call("10:02", "PHE-MEDICAL", null, null));

        assertThat(guard.predecessors(calls))
                .containsExactly(new int[0], new int[] {0}, new int[0], new int[] {0, 1, 2});
    }

    @Test
    void measuresDistancesOnTheSphere() {
        assertThat(MergeGuard.metres(41.57, 120.45, 41.58, 120.45)).isBetween(1111.0, 1112.5);
    }

    private PlannedCall call(String time, String category, Double lat, Double lon) {
        ObjectNode report = json.createObjectNode();
        if (category != null) {
            report.put("category", category);
        }
        if (lat != null) {
            report.put("lat", lat).put("lon", lon);
        }
        Instant at = Instant.parse("2017-01-01T" + time + ":00Z");
        return new PlannedCall(
                "c" + time,
                List.of(new SourceRow(1, 2, List.of())),
                at,
                null,
                report,
                "k",
                new ArrayList<>(),
                Map.of(),
                List.of(),
                0);
    }
}
