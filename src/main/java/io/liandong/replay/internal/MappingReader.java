package io.liandong.replay.internal;

import io.liandong.replay.internal.Mapping.CategoryRule;
import io.liandong.replay.internal.Mapping.LocationRule;
import io.liandong.replay.internal.Mapping.Source;
import io.liandong.replay.internal.Mapping.UnitRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a mapping file and checks it against the header of the log it will read: every column
 * it names must exist, every code must be well formed, and no key may be unknown. Errors name
 * the file, the key and the offending value.
 */
public final class MappingReader {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_-]{0,39}");
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    private static final Set<String> CHANNELS =
            Set.of("110", "119", "120", "12345", "12350", "WEB", "APP", "VIDEO", "API");
    private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4");
    private static final Set<String> SEVERITIES = Set.of("I", "II", "III", "IV");

    private final String file;
    private final Columns header;
    private final String logName;

    private MappingReader(String file, Columns header, String logName) {
        this.file = file;
        this.header = header;
        this.logName = logName;
    }

    /**
     * Reads {@code path} for a log named {@code logName} whose header is {@code header}.
     *
     * @throws MappingException naming what is wrong
     */
    public static Mapping read(Path path, Columns header, String logName) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new MappingException("cannot read mapping file " + path + ": " + e.getMessage(), e);
        }
        return parse(text, path.toString(), header, logName);
    }

    /** Reads mapping {@code text}; {@code file} names it in messages. */
    public static Mapping parse(String text, String file, Columns header, String logName) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new MappingException("mapping " + file + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MappingException("mapping " + file + " must be a YAML map of keys such as source, call, time");
        }
        return new MappingReader(file, header, logName).mapping(root);
    }

    private Mapping mapping(JsonNode root) {
        keys(
                root,
                "",
                "source",
                "call",
                "time",
                "channel",
                "category",
                "priority",
                "severity",
                "address",
                "text",
                "location",
                "relocate",
                "units");
        JsonNode call = object(root, "call", "call", true);
        keys(call, "call", "id", "receivedAt");
        JsonNode time = object(root, "time", "time", true);
        keys(time, "time", "format", "zone");
        return new Mapping(
                source(object(root, "source", "source", true)),
                column(call, "call.id", "id", true),
                column(call, "call.receivedAt", "receivedAt", true),
                time(time),
                channel(root),
                category(object(root, "category", "category", true)),
                lookup(root, "priority", PRIORITIES),
                lookup(root, "severity", SEVERITIES),
                address(root),
                template(root, "text", "text", true),
                location(object(root, "location", "location", false)),
                relocation(object(root, "relocate", "relocate", false)),
                units(object(root, "units", "units", false)));
    }

    private Source source(JsonNode node) {
        keys(node, "source", "name", "title", "attribution", "url");
        String name = string(node, "source.name", "name", true);
        if (!SOURCE_NAME.matcher(name).matches()) {
            throw fail("source.name", "must be 1 to 40 letters, digits, '.', '_' or '-', was '" + name + "'");
        }
        return new Source(
                name,
                string(node, "source.title", "title", true),
                string(node, "source.attribution", "attribution", true),
                string(node, "source.url", "url", false));
    }

    private SourceTime time(JsonNode node) {
        String format = string(node, "time.format", "format", true);
        String zone = string(node, "time.zone", "zone", false);
        try {
            return SourceTime.of(format, zone);
        } catch (IllegalArgumentException e) {
            throw fail("time", e.getMessage());
        }
    }

    private Lookup channel(JsonNode root) {
        JsonNode node = root.get("channel");
        if (node == null || node.isNull()) {
            throw fail("channel", "is required: one of " + CHANNELS + " or {column, map, default}");
        }
        Lookup lookup = node.isObject() ? lookupObject(node, "channel") : Lookup.constant(scalar(node, "channel"));
        checkValues("channel", lookup, CHANNELS);
        if (lookup.fallback() == null) {
            throw fail("channel.default", "is required so that every row has a channel");
        }
        return lookup;
    }

    private CategoryRule category(JsonNode node) {
        keys(node, "category", "column", "map", "by", "default");
        String column = column(node, "category.column", "column", true);
        Map<String, String> table = table(node, "category.map", "map");
        String fallback = string(node, "category.default", "default", true);
        checkCategory("category.default", fallback);
        table.forEach((type, code) -> checkCategory("category.map['" + type + "']", code));
        JsonNode by = object(node, "category.by", "by", false);
        String byColumn = null;
        Map<String, Map<String, String>> byTables = new LinkedHashMap<>();
        if (by != null) {
            keys(by, "category.by", "column", "maps");
            byColumn = column(by, "category.by.column", "column", true);
            JsonNode maps = object(by, "category.by.maps", "maps", true);
            for (Map.Entry<String, JsonNode> entry : maps.properties()) {
                String path = "category.by.maps['" + entry.getKey() + "']";
                Map<String, String> byTable = table(maps, path, entry.getKey());
                byTable.forEach((type, code) -> checkCategory(path + "['" + type + "']", code));
                byTables.put(entry.getKey(), byTable);
            }
        }
        return new CategoryRule(column, table, byColumn, byTables, fallback);
    }

    private void checkCategory(String path, String code) {
        if (!CODE.matcher(code).matches()) {
            throw fail(path, "'" + code + "' is not a category code (like ACC-FIRE-BUILDING), REJECT or SUGGEST");
        }
    }

    private @Nullable Lookup lookup(JsonNode root, String key, Set<String> allowed) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        Lookup lookup = node.isObject() ? lookupObject(node, key) : Lookup.constant(scalar(node, key));
        checkValues(key, lookup, allowed);
        return lookup;
    }

    private Lookup lookupObject(JsonNode node, String path) {
        keys(node, path, "column", "map", "default");
        return new Lookup(
                column(node, path + ".column", "column", false),
                table(node, path + ".map", "map"),
                string(node, path + ".default", "default", false));
    }

    private void checkValues(String path, Lookup lookup, Set<String> allowed) {
        lookup.table().forEach((value, code) -> {
            if (!allowed.contains(code)) {
                throw fail(path + ".map['" + value + "']", "'" + code + "' is not one of " + sorted(allowed));
            }
        });
        if (lookup.fallback() != null && !allowed.contains(lookup.fallback())) {
            throw fail(path + ".default", "'" + lookup.fallback() + "' is not one of " + sorted(allowed));
        }
    }

    private List<Template> address(JsonNode root) {
        JsonNode node = root.get("address");
        List<Template> templates = new ArrayList<>();
        if (node == null || node.isNull()) {
            return templates;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                templates.add(checkedTemplate("address[" + i + "]", scalar(node.get(i), "address[" + i + "]")));
            }
        } else {
            templates.add(checkedTemplate("address", scalar(node, "address")));
        }
        return templates;
    }

    private @Nullable LocationRule location(@Nullable JsonNode node) {
        if (node == null) {
            return null;
        }
        keys(node, "location", "column", "order", "latitude", "longitude");
        String column = column(node, "location.column", "column", false);
        String latitude = column(node, "location.latitude", "latitude", false);
        String longitude = column(node, "location.longitude", "longitude", false);
        String order = string(node, "location.order", "order", false);
        if (order != null && !order.equals("latlon") && !order.equals("lonlat")) {
            throw fail("location.order", "must be latlon or lonlat, was '" + order + "'");
        }
        boolean text = column != null && latitude == null && longitude == null;
        boolean pair = column == null && latitude != null && longitude != null;
        if (!text && !pair) {
            throw fail("location", "needs either column (a \"lat, lon\" text) or both latitude and longitude columns");
        }
        return new LocationRule(column, latitude, longitude, "lonlat".equals(order));
    }

    private @Nullable Relocation relocation(@Nullable JsonNode node) {
        if (node == null) {
            return null;
        }
        keys(node, "relocate", "fromBox", "toCenter", "scale", "toBox", "keepOutside");
        double[] from = numbers(node, "relocate.fromBox", "fromBox", 4);
        boolean keep = node.path("keepOutside").asBoolean(false);
        try {
            if (node.has("toBox")) {
                if (node.has("toCenter") || node.has("scale")) {
                    throw fail("relocate", "takes either toBox or toCenter (with an optional scale), not both");
                }
                return Relocation.toBox(from, numbers(node, "relocate.toBox", "toBox", 4), keep);
            }
            double scale = node.has("scale") ? numbers(node, "relocate.scale", "scale", 1)[0] : 1.0;
            return Relocation.toCenter(from, numbers(node, "relocate.toCenter", "toCenter", 2), scale, keep);
        } catch (IllegalArgumentException e) {
            throw fail("relocate", e.getMessage());
        }
    }

    private @Nullable UnitRule units(@Nullable JsonNode node) {
        if (node == null) {
            return null;
        }
        keys(node, "units", "agency", "instructions", "dispatch", "acknowledge", "arrive", "complete", "completeWhen");
        JsonNode agencyNode = node.get("agency");
        if (agencyNode == null || agencyNode.isNull()) {
            throw fail("units.agency", "is required: an agency code, ISSUED, or {column, map, default}");
        }
        Lookup agency = agencyNode.isObject()
                ? lookupObject(agencyNode, "units.agency")
                : Lookup.constant(scalar(agencyNode, "units.agency"));
        agency.table().forEach((unit, code) -> checkAgency("units.agency.map['" + unit + "']", code));
        if (agency.fallback() != null) {
            checkAgency("units.agency.default", agency.fallback());
        }
        JsonNode when = object(node, "units.completeWhen", "completeWhen", false);
        String whenColumn = null;
        List<String> whenValues = List.of();
        if (when != null) {
            keys(when, "units.completeWhen", "column", "in");
            whenColumn = column(when, "units.completeWhen.column", "column", true);
            whenValues = strings(when, "units.completeWhen.in", "in");
        }
        UnitRule rule = new UnitRule(
                agency,
                template(node, "units.instructions", "instructions", false),
                column(node, "units.dispatch", "dispatch", false),
                column(node, "units.acknowledge", "acknowledge", false),
                column(node, "units.arrive", "arrive", false),
                column(node, "units.complete", "complete", false),
                whenColumn,
                whenValues);
        if (rule.dispatch() == null && rule.acknowledge() == null && rule.arrive() == null && rule.complete() == null) {
            throw fail("units", "names no time column: give at least one of dispatch, acknowledge, arrive, complete");
        }
        return rule;
    }

    private void checkAgency(String path, String code) {
        if (!CODE.matcher(code).matches()) {
            throw fail(path, "'" + code + "' is not an agency code (like FIRE-BRIGADE), SKIP or ISSUED");
        }
    }

    // --- small readers ------------------------------------------------------------------------

    private void keys(JsonNode node, String path, String... known) {
        List<String> knownKeys = List.of(known);
        for (String key : node.propertyNames()) {
            if (!knownKeys.contains(key)) {
                String where = path.isEmpty() ? "at the top level" : "in " + path;
                throw fail(
                        path.isEmpty() ? key : path + "." + key,
                        "unknown key '" + key + "' " + where + "; known keys: " + String.join(", ", knownKeys));
            }
        }
    }

    private @Nullable JsonNode object(JsonNode parent, String path, String key, boolean required) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            if (required) {
                throw fail(path, "is required");
            }
            return null;
        }
        if (!node.isObject()) {
            throw fail(
                    path,
                    "must be a map of keys, was " + node.getNodeType().name().toLowerCase());
        }
        return node;
    }

    private @Nullable String string(JsonNode parent, String path, String key, boolean required) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            if (required) {
                throw fail(path, "is required");
            }
            return null;
        }
        String value = scalar(node, path);
        if (value.isBlank()) {
            throw fail(path, "must not be blank");
        }
        return value;
    }

    private String scalar(@Nullable JsonNode node, String path) {
        if (node == null || !node.isValueNode()) {
            throw fail(path, "must be a single value, not a list or map");
        }
        return node.asString();
    }

    private @Nullable String column(JsonNode parent, String path, String key, boolean required) {
        String column = string(parent, path, key, required);
        if (column != null) {
            checkColumn(path, column);
        }
        return column;
    }

    private void checkColumn(String path, String column) {
        if (!header.contains(column)) {
            String closest = header.closest(column);
            throw fail(
                    path,
                    "column '" + column + "' is not in the header of " + logName
                            + (closest == null ? "" : " (did you mean '" + closest + "'?)"));
        }
    }

    private @Nullable Template template(JsonNode parent, String path, String key, boolean required) {
        String text = string(parent, path, key, required);
        return text == null ? null : checkedTemplate(path, text);
    }

    private Template checkedTemplate(String path, String text) {
        Template template;
        try {
            template = Template.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(path, e.getMessage());
        }
        for (String column : template.columns()) {
            checkColumn(path, column);
        }
        return template;
    }

    private Map<String, String> table(JsonNode parent, String path, String key) {
        JsonNode node = parent.get(key);
        Map<String, String> table = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return table;
        }
        if (!node.isObject()) {
            throw fail(path, "must be a map of source value to code");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            table.put(
                    entry.getKey().strip(),
                    scalar(entry.getValue(), path + "['" + entry.getKey() + "']")
                            .strip());
        }
        return table;
    }

    private List<String> strings(JsonNode parent, String path, String key) {
        JsonNode node = parent.get(key);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            throw fail(path, "is required");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                values.add(scalar(node.get(i), path + "[" + i + "]").strip());
            }
        } else {
            values.add(scalar(node, path).strip());
        }
        return values;
    }

    private double[] numbers(JsonNode parent, String path, String key, int count) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            throw fail(path, "is required");
        }
        if (count == 1 && node.isNumber()) {
            return new double[] {node.asDouble()};
        }
        if (!node.isArray() || node.size() != count) {
            throw fail(path, "must be a list of " + count + " numbers");
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            if (!node.get(i).isNumber()) {
                throw fail(
                        path + "[" + i + "]",
                        "must be a number, was '" + node.get(i).asString() + "'");
            }
            values[i] = node.get(i).asDouble();
        }
        return values;
    }

    private static String sorted(Set<String> values) {
        return values.stream().sorted().toList().toString();
    }

    private MappingException fail(String path, String problem) {
        return new MappingException("mapping " + file + ": " + path + ": " + problem);
    }
}
