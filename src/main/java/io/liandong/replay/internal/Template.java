package io.liandong.replay.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A text built from a row's columns: {@code "{Call Type} at {Address}"}. {@code {{} and
 * {@code }}} stand for literal braces.
 */
public final class Template {

    private final String source;
    private final List<String> literals;
    private final List<String> columns;

    private Template(String source, List<String> literals, List<String> columns) {
        this.source = source;
        this.literals = literals;
        this.columns = columns;
    }

    /** Parses {@code text}; an unclosed or empty placeholder is an error naming the text. */
    public static Template parse(String text) {
        List<String> literals = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
                literal.append(c);
                i += 2;
            } else if (c == '{') {
                int close = text.indexOf('}', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("'{' at position " + i + " is never closed in \"" + text + "\"");
                }
                String column = text.substring(i + 1, close);
                if (column.isBlank()) {
                    throw new IllegalArgumentException("empty placeholder {} in \"" + text + "\"");
                }
                literals.add(literal.toString());
                literal.setLength(0);
                columns.add(column);
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        literals.add(literal.toString());
        return new Template(text, List.copyOf(literals), List.copyOf(columns));
    }

    /** The columns the template refers to, in order. */
    public List<String> columns() {
        return columns;
    }

    /** Whether every referenced column has a non-blank value in {@code row}. */
    public boolean isCompleteIn(SourceRow row, Columns header) {
        for (String column : columns) {
            if (header.value(row, column).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The text for {@code row}: placeholders replaced by the trimmed column values. */
    public String render(SourceRow row, Columns header) {
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < columns.size(); i++) {
            out.append(header.value(row, columns.get(i))).append(literals.get(i + 1));
        }
        return out.toString().strip();
    }

    @Override
    public String toString() {
        return source;
    }
}
