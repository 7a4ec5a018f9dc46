package io.liandong.replay.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the rows a replay did not take: {@code row} (1 = first row after the header),
 * {@code line} (where it starts in the file), {@code outcome}, {@code reason}, then the row's own
 * columns as read. Dropping the first four columns gives a log the same mapping can replay.
 */
public final class RejectsFile {

    private RejectsFile() {}

    public static void write(Path file, Columns header, List<Tally.Entry> entries) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> head = new ArrayList<>(List.of("row", "line", "outcome", "reason"));
            head.addAll(header.names());
            out.write(line(head));
            for (Tally.Entry entry : entries) {
                List<String> fields = new ArrayList<>();
                fields.add(Long.toString(entry.row().row()));
                fields.add(Long.toString(entry.row().line()));
                fields.add(entry.outcome().name());
                fields.add(entry.detail());
                fields.addAll(entry.row().fields());
                out.write(line(fields));
            }
        }
    }

    /** One CSV record with CRLF, fields quoted when they need it. */
    static String line(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(quote(fields.get(i)));
        }
        return line.append("\r\n").toString();
    }

    static String quote(String field) {
        boolean needs = field.indexOf(',') >= 0
                || field.indexOf('"') >= 0
                || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0
                || !field.equals(field.strip());
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
