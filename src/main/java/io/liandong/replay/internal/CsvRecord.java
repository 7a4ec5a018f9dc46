package io.liandong.replay.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One record of a CSV file: the line it starts on (1-based, counting physical lines) and its
 * fields. {@code error} is set when the record breaks the format; its fields are then partial.
 */
public record CsvRecord(long line, List<String> fields, @Nullable String error) {

    public CsvRecord {
        fields = List.copyOf(fields);
    }
}
