package io.liandong.replay.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How to read one kind of call log: which columns hold what, how its call types, priorities
 * and units turn into our categories, priorities and agencies, and how its points move into our
 * city. Read from a YAML file by {@link MappingReader}; every field is documented in
 * {@code docs/replay.md}.
 */
public record Mapping(
        Source source,
        String callId,
        String receivedAt,
        SourceTime time,
        Lookup channel,
        CategoryRule category,
        @Nullable Lookup priority,
        @Nullable Lookup severity,
        List<Template> address,
        Template text,
        @Nullable LocationRule location,
        @Nullable Relocation relocate,
        @Nullable UnitRule units) {

    /** Category value meaning "refuse the row". */
    public static final String REJECT = "REJECT";
    /** Category value meaning "send no category; let the center suggest one from the text". */
    public static final String SUGGEST = "SUGGEST";
    /** Unit agency value meaning "the row's times belong to no agency we play". */
    public static final String SKIP = "SKIP";
    /** Unit agency value meaning "play the tasks the center issued on intake (plan or divert)". */
    public static final String ISSUED = "ISSUED";

    public Mapping {
        address = List.copyOf(address);
    }

    /** Where the log comes from; {@code name} starts every idempotency key and external reference. */
    public record Source(String name, String title, String attribution, @Nullable String url) {}

    /**
     * Call type to category; {@code byColumn} (optional) picks a separate table by another column's
     * value, e.g. the agency a 311 request was routed to.
     */
    public record CategoryRule(
            String column,
            Map<String, String> table,
            @Nullable String byColumn,
            Map<String, Map<String, String>> byTables,
            String fallback) {

        public CategoryRule {
            table = Map.copyOf(table);
            byTables = Map.copyOf(byTables);
        }

        /** Our category code, {@link #REJECT} or {@link #SUGGEST} for {@code row}. */
        public String apply(SourceRow row, Columns header) {
            String type = header.value(row, column);
            if (byColumn != null) {
                Map<String, String> byTable = byTables.get(header.value(row, byColumn));
                if (byTable != null) {
                    String found = Lookup.find(byTable, type, null);
                    if (found != null) {
                        return found;
                    }
                }
            }
            String found = Lookup.find(table, type, fallback);
            return found == null ? fallback : found;
        }
    }

    /** A point from one text column ({@code "(lat, lon)"}) or from two number columns. */
    public record LocationRule(
            @Nullable String column, @Nullable String latitude, @Nullable String longitude, boolean lonFirst) {}

    /** Unit times: which agency a row's unit belongs to and when it was dispatched, en route, on scene, free. */
    public record UnitRule(
            Lookup agency,
            @Nullable Template instructions,
            @Nullable String dispatch,
            @Nullable String acknowledge,
            @Nullable String arrive,
            @Nullable String complete,
            @Nullable String completeWhenColumn,
            List<String> completeWhenValues) {

        public UnitRule {
            completeWhenValues = List.copyOf(completeWhenValues);
        }
    }
}
