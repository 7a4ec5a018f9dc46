package io.liandong.replay.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The header of a call log: column names and where each sits in a row. */
public final class Columns {

    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    public Columns(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < this.names.size(); i++) {
            index.putIfAbsent(this.names.get(i), i);
        }
    }

    public List<String> names() {
        return names;
    }

    public boolean contains(String column) {
        return index.containsKey(column);
    }

    /** The trimmed value of {@code column} in {@code row}; empty when the row is short. */
    public String value(SourceRow row, String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException("no column '" + column + "' in the header");
        }
        return i < row.fields().size() ? row.fields().get(i).strip() : "";
    }

    /** The header name closest to {@code wanted}, to suggest when a mapping misspells one. */
    public @Nullable String closest(String wanted) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int distance = distance(name.toLowerCase(), wanted.toLowerCase());
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(2, wanted.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
