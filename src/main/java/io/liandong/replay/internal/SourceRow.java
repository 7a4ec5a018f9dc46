package io.liandong.replay.internal;

import java.util.List;

/**
 * One data row of a call log: its number ({@code 1} is the first row after the header), the
 * physical line it starts on, and its fields as read.
 */
public record SourceRow(long row, long line, List<String> fields) {

    public SourceRow {
        fields = List.copyOf(fields);
    }
}
