package io.liandong.replay.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Finds, for each call, the earlier calls the center might merge it with: same category (or no
 * category sent), received within {@code window} of each other, and points within {@code radius}
 * metres (or a point missing). Such a call is filed only after those are, so whether a report
 * opens an incident or merges does not depend on which client thread was quicker. The window and
 * radius must be at least the center's merge settings for that to hold.
 */
public final class MergeGuard {

    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private final Duration window;
    private final double radius;

    public MergeGuard(Duration window, double radius) {
        this.window = window;
        this.radius = radius;
    }

    /** For each call of {@code calls} (sorted by received time), the indexes of earlier calls it must follow. */
    public List<int[]> predecessors(List<PlannedCall> calls) {
        List<int[]> result = new ArrayList<>(calls.size());
        int first = 0;
        for (int i = 0; i < calls.size(); i++) {
            PlannedCall call = calls.get(i);
            if (call.report() == null) {
                result.add(new int[0]);
                continue;
            }
            while (first < i
                    && Duration.between(calls.get(first).receivedAt(), call.receivedAt())
                                    .compareTo(window)
                            > 0) {
                first++;
            }
            List<Integer> found = new ArrayList<>();
            for (int j = first; j < i; j++) {
                PlannedCall earlier = calls.get(j);
                if (earlier.report() != null && mayMerge(earlier.report(), call.report())) {
                    found.add(j);
                }
            }
            result.add(found.stream().mapToInt(Integer::intValue).toArray());
        }
        return result;
    }

    boolean mayMerge(JsonNode a, JsonNode b) {
        JsonNode categoryA = a.get("category");
        JsonNode categoryB = b.get("category");
        if (categoryA != null && categoryB != null && !categoryA.asString().equals(categoryB.asString())) {
            return false;
        }
        if (!a.has("lat") || !b.has("lat")) {
            return true;
        }
        return metres(
                        a.get("lat").asDouble(),
                        a.get("lon").asDouble(),
                        b.get("lat").asDouble(),
                        b.get("lon").asDouble())
                <= radius;
    }

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1))
                        * Math.cos(Math.toRadians(lat2))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
