package io.liandong.deployment.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A deployment file that is not valid YAML, or not of the file's shape, described in the terms of
 * what the user wrote: where (line, and column when known), the field path as in the file (for
 * example {@code plans[0].tasks[1].agency}) and what was expected there. Never a Java type name.
 *
 * @param where the file and its line and column, for example {@code plans.yaml line 12, column 17}
 * @param problem what is wrong there
 */
record YamlProblem(String where, String problem) {

    /**
     * Describes the failure to read {@code file} from the source with the parser that was reading
     * it (null when none could be created).
     */
    static YamlProblem of(DeploymentSource source, String file, JacksonException e, @Nullable JsonParser parser) {
        if (e.getCause() instanceof MarkedYamlEngineException yaml) {
            return syntax(file, yaml, e);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            // An entry's unknown fields are reported at its end: find where the field is.
            String path = path(unknown.getPath());
            return new YamlProblem(
                    file + at(fieldLocation(source, file, path).orElse(e.getLocation())), unknownField(path, unknown));
        }
        // Where the offending token starts: the exception's own location may be past it.
        String where = file + at(parser == null ? e.getLocation() : parser.currentTokenLocation());
        String path = parser == null ? "" : path(parser.streamReadContext());
        if (e instanceof MismatchedInputException mismatch && parser != null) {
            return new YamlProblem(where, mismatch(file, path, mismatch, parser));
        }
        String message = firstLine(e.getOriginalMessage());
        if (message.startsWith("Duplicate Object property")) {
            return new YamlProblem(where, subject(file, path) + " is given twice: give each field once");
        }
        if (e instanceof DatabindException) {
            // Its message speaks of Java types, not of the file.
            return new YamlProblem(
                    where, subject(file, path) + " is not of the shape docs/reference-deployment.md gives this file");
        }
        return new YamlProblem(where, "is not valid YAML for this file: " + message);
    }

    /** Not YAML at all (a TAB for indentation, an unclosed quote): as snakeyaml-engine found it. */
    private static YamlProblem syntax(String file, MarkedYamlEngineException yaml, JacksonException e) {
        String where = yaml.getProblemMark().map(YamlProblem::at).orElseGet(() -> at(e.getLocation()));
        String problem = yaml.getProblem() == null ? "" : yaml.getProblem().strip();
        if (problem.contains("\\t(TAB)")) {
            return new YamlProblem(file + where, "a TAB character: indent YAML with spaces, never with TABs");
        }
        StringBuilder text = new StringBuilder("is not valid YAML: ");
        if (problem.contains("<block") || String.valueOf(yaml.getContext()).contains("block")) {
            text.append("check the indentation, ");
        }
        text.append(problem);
        if (yaml.getContext() != null) {
            text.append(" (").append(yaml.getContext().strip());
            yaml.getContextMark()
                    .ifPresent(mark -> text.append(" that starts at").append(at(mark)));
            text.append(')');
        }
        return new YamlProblem(file + where, text.toString());
    }

    private static String unknownField(String path, UnrecognizedPropertyException e) {
        String name = e.getPropertyName();
        int end = path.length() - name.length() - 1;
        StringBuilder text = new StringBuilder(
                end <= 0
                        ? "unknown top-level field '" + name + "'"
                        : path.substring(0, end) + ": unknown field '" + name + "'");
        Collection<Object> known = e.getKnownPropertyIds();
        if (known != null && !known.isEmpty()) {
            text.append("; the fields are ")
                    .append(String.join(
                            ", ", known.stream().map(String::valueOf).sorted().toList()));
        }
        return text.toString();
    }

    /** Where the field with this path is named in the file, read once more: empty if it cannot be read. */
    private static Optional<TokenStreamLocation> fieldLocation(DeploymentSource source, String file, String path) {
        try (InputStream in = source.open(file);
                JsonParser parser = in == null ? null : DeploymentReader.YAML.createParser(in)) {
            for (JsonToken token = parser == null ? null : parser.nextToken();
                    token != null;
                    token = parser.nextToken()) {
                if (token == JsonToken.PROPERTY_NAME && path.equals(path(parser.streamReadContext()))) {
                    return Optional.of(parser.currentTokenLocation());
                }
            }
        } catch (IOException | JacksonException unreadable) {
            // The first reading got past this field; its end of entry will do.
        }
        return Optional.empty();
    }

    private static String mismatch(String file, String path, MismatchedInputException e, JsonParser parser) {
        String expected = expected(file, path, e.getTargetType());
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "the file is empty: it must be a map with the key '" + topLevel(file) + "'";
        }
        return subject(file, path) + " must be " + expected + ", not " + actual(token, parser);
    }

    private static String subject(String file, String path) {
        return path.isEmpty() ? "the file" : path;
    }

    private static String expected(String file, String path, @Nullable Class<?> type) {
        if (path.isEmpty()) {
            return "a map with the key '" + topLevel(file) + "'";
        }
        if (type == null) {
            return "something else";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a map of fields";
    }

    private static String actual(JsonToken token, JsonParser parser) {
        return switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a map";
            case VALUE_NULL -> "empty";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getString();
            case VALUE_TRUE, VALUE_FALSE -> parser.getString();
            case VALUE_STRING -> "the text '" + parser.getString() + "'";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }

    /** The top-level key of a file: {@code plans} for plans.yaml. */
    private static String topLevel(String file) {
        return file.substring(0, file.indexOf('.'));
    }

    /** Where the parser was, as the file names it: {@code plans[0].tasks[1].agency}. */
    static String path(@Nullable TokenStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (TokenStreamContext at = context; at != null; at = at.getParent()) {
            if (at.inArray() && at.hasCurrentIndex()) {
                segments.push("[" + at.getCurrentIndex() + "]");
            } else if (at.inObject() && at.currentName() != null) {
                segments.push("." + at.currentName());
            }
        }
        String path = String.join("", segments);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** The path a databind exception names, as the file names it. */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** {@code " line 12, column 17"}, or nothing when the location is unknown. */
    static String at(@Nullable TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " line " + location.getLineNr()
                + (location.getColumnNr() < 1 ? "" : ", column " + location.getColumnNr());
    }

    private static String at(Mark mark) {
        // snakeyaml-engine counts from 0.
        return " line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
