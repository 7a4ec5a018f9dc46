package io.liandong.replay.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A call log read whole: its header, the rows that fit it, and the rows refused because they
 * break the CSV format or do not have as many fields as the header.
 */
public record CallLog(Columns header, List<SourceRow> rows, List<RejectedRow> malformed) {

    public CallLog {
        rows = List.copyOf(rows);
        malformed = List.copyOf(malformed);
    }

    /** All data rows, well formed or not. */
    public long rowsRead() {
        return rows.size() + malformed.size();
    }

    /**
     * Reads {@code path} as UTF-8.
     *
     * @throws IOException if it cannot be read or has no header row
     */
    public static CallLog read(Path path) throws IOException {
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(in, path.toString());
        }
    }

    /** Reads a log from {@code in}; {@code name} names it in messages. */
    public static CallLog read(Reader in, String name) throws IOException {
        CsvReader csv = new CsvReader(in);
        CsvRecord first = csv.next();
        if (first == null) {
            throw new IOException(name + " is empty: a call log needs a header row");
        }
        if (first.error() != null) {
            throw new IOException(name + ": the header row is broken: " + first.error());
        }
        Columns header = new Columns(first.fields());
        List<SourceRow> rows = new ArrayList<>();
        List<RejectedRow> malformed = new ArrayList<>();
        long number = 0;
        for (CsvRecord record = csv.next(); record != null; record = csv.next()) {
            number++;
            SourceRow row = new SourceRow(number, record.line(), record.fields());
            if (record.error() != null) {
                malformed.add(new RejectedRow(row, new Rejection("broken CSV", record.error())));
            } else if (record.fields().size() != header.names().size()) {
                malformed.add(new RejectedRow(
                        row,
                        new Rejection(
                                "wrong number of fields",
                                "row has " + record.fields().size() + " fields, the header has "
                                        + header.names().size())));
            } else {
                rows.add(row);
            }
        }
        return new CallLog(header, rows, malformed);
    }

    /** A row refused before any call was built from it. */
    public record RejectedRow(SourceRow row, Rejection rejection) {}
}
