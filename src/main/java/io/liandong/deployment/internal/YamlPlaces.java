package io.liandong.deployment.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Where each value of one deployment file starts, by its path as the file writes it (for example
 * {@code plans[0].tasks[1].acknowledge}), so that a value found wrong after the file was read can be
 * reported at its line and column. Also the YAML aliases ({@code *name}) the file uses: the parser
 * reads an alias as the text of its name, not as the value its anchor marks, so they are refused.
 */
final class YamlPlaces {

    private final String file;
    private final Map<String, TokenStreamLocation> starts;
    private final List<YamlProblem> aliases;

    private YamlPlaces(String file, Map<String, TokenStreamLocation> starts, List<YamlProblem> aliases) {
        this.file = file;
        this.starts = starts;
        this.aliases = aliases;
    }

    /**
     * Reads the file once more, with the streaming parser (within its limits, as reading it into its
     * records). Stops quietly where the file is not YAML or cannot be read: reading it into its
     * records reports that, and no entry of it is checked then.
     */
    static YamlPlaces of(DeploymentSource source, String file) {
        Map<String, TokenStreamLocation> starts = new HashMap<>();
        List<YamlProblem> aliases = new ArrayList<>();
        try (InputStream in = source.open(file);
                JsonParser parser = in == null ? null : DeploymentReader.YAML.createParser(in)) {
            for (JsonToken token = parser == null ? null : parser.nextToken();
                    token != null;
                    token = parser.nextToken()) {
                if (token == JsonToken.PROPERTY_NAME || token.isStructEnd()) {
                    continue;
                }
                // At the start of a map or list the parser is already inside it, whose path is the parent's.
                String path = YamlProblem.path(parser.streamReadContext());
                TokenStreamLocation start = parser.currentTokenLocation();
                starts.put(path, start);
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    aliases.add(new YamlProblem(
                            file + YamlProblem.at(start),
                            (path.isEmpty() ? "the file" : path) + " is the alias *" + parser.getString()
                                    + ": YAML aliases (*name, <<: *name) are not supported in deployment files;"
                                    + " write the value out in full"));
                }
            }
        } catch (IOException | JacksonException unreadable) {
            // Reported when the file is read into its records.
        }
        return new YamlPlaces(file, starts, aliases);
    }

    /** The aliases the file uses, one problem each, in the order written. */
    List<YamlProblem> aliases() {
        return aliases;
    }

    /**
     * The file and where the value at this path starts, for example {@code plans.yaml line 7,
     * column 22}; for a field the file leaves out, where the nearest value that holds it starts.
     */
    String where(String path) {
        for (String at = path; !at.isEmpty(); at = parent(at)) {
            TokenStreamLocation start = starts.get(at);
            if (start != null) {
                return file + YamlProblem.at(start);
            }
        }
        return file;
    }

    /** The path that holds this one: {@code plans[0].tasks} for {@code plans[0].tasks[1]}, then {@code plans[0]}. */
    private static String parent(String path) {
        int end = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return end < 0 ? "" : path.substring(0, end);
    }
}
