package io.liandong.replay.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads RFC 4180 comma-separated records: fields in double quotes may hold commas, line breaks
 * and doubled quotes; records end with CRLF, LF or CR. A byte-order mark before the first
 * record is dropped and blank lines are skipped.
 *
 * <p>A record that breaks the format (text after a closing quote, a quote that never closes) is
 * returned with its {@link CsvRecord#error()} set, so one bad row does not stop the file: after
 * stray text the reader resumes on the next line; an unclosed quote runs to the end of input.
 */
public final class CsvReader implements Closeable {

    private static final int EOF = -1;

    private final Reader in;
    private final char[] buffer = new char[64 * 1024];
    private int length;
    private int position;
    private long line = 1;
    private boolean started;

    public CsvReader(Reader in) {
        this.in = in;
    }

    /** The next record, or {@code null} at the end of input. */
    public @Nullable CsvRecord next() throws IOException {
        skipByteOrderMark();
        int c = peek();
        while (c == '\r' || c == '\n') {
            consumeLineBreak();
            c = peek();
        }
        if (c == EOF) {
            return null;
        }
        return readRecord();
    }

    private CsvRecord readRecord() throws IOException {
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            int c = read();
            if (c == '"' && field.isEmpty()) {
                String error = readQuoted(field, startLine);
                if (error != null) {
                    fields.add(field.toString());
                    return new CsvRecord(startLine, fields, error);
                }
                int after = peek();
                if (after != ',' && after != '\r' && after != '\n' && after != EOF) {
                    fields.add(field.toString());
                    long badLine = line;
                    skipRestOfLine();
                    return new CsvRecord(
                            startLine,
                            fields,
                            "text after a closing quote on line " + badLine + ": '" + (char) after + "'");
                }
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n' || c == EOF) {
                finishLineBreak(c);
                fields.add(field.toString());
                return new CsvRecord(startLine, fields, null);
            } else {
                field.append((char) c);
            }
        }
    }

    /** Reads up to the closing quote; returns an error message if input ends first. */
    private @Nullable String readQuoted(StringBuilder field, long startLine) throws IOException {
        while (true) {
            int c = read();
            if (c == EOF) {
                return "quoted field opened on line " + startLine + " is never closed";
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    field.append('"');
                } else {
                    return null;
                }
            } else {
                if (c == '\n' || (c == '\r' && peek() != '\n')) {
                    line++;
                }
                field.append((char) c);
            }
        }
    }

    private void skipRestOfLine() throws IOException {
        int c = peek();
        while (c != '\r' && c != '\n' && c != EOF) {
            read();
            c = peek();
        }
        if (c != EOF) {
            consumeLineBreak();
        }
    }

    private void consumeLineBreak() throws IOException {
        finishLineBreak(read());
    }

    /** Called after reading {@code c}, a line break or the end of input. */
    private void finishLineBreak(int c) throws IOException {
        if (c == EOF) {
            return;
        }
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private void skipByteOrderMark() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
    }

    private int peek() throws IOException {
        if (position == length && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        if (position == length && !fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            length = 0;
            position = 0;
            return false;
        }
        length = n;
        position = 0;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
