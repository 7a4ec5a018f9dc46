package io.liandong.replay.internal;

import io.liandong.replay.internal.Mapping.LocationRule;
import io.liandong.replay.internal.Mapping.UnitRule;
import io.liandong.replay.internal.PlannedCall.AgencyPlay;
import io.liandong.replay.internal.PlannedCall.PlannedStep;
import io.liandong.replay.internal.PlannedCall.StepRejection;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the rows of a call log into calls to play, in the order they were received (ties keep
 * file order). Rows sharing a call id are one call; the call's own fields come from its first row
 * in the file. Per agency, a call dispatches at its units' first dispatch time, acknowledges at
 * the first en-route time, arrives at the first on-scene time and completes at the last
 * available time; a time earlier than the step before it is left out as a rejected step.
 */
public final class CallPlanner {

    /** Longest report text the center takes. */
    static final int MAX_TEXT = 4000;

    private static final int MAX_INSTRUCTIONS = 2000;
    private static final int MAX_REF = 100;
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?");

    private final Mapping mapping;
    private final Columns header;
    private final Duration shift;
    private final JsonMapper json;

    public CallPlanner(Mapping mapping, Columns header, Duration shift, JsonMapper json) {
        this.mapping = mapping;
        this.header = header;
        this.shift = shift;
        this.json = json;
    }

    /** The calls of {@code rows}: playable ones by received time, then those refused outright. */
    public List<PlannedCall> plan(List<SourceRow> rows) {
        Map<String, List<SourceRow>> byCall = new LinkedHashMap<>();
        for (SourceRow row : rows) {
            byCall.computeIfAbsent(header.value(row, mapping.callId()), id -> new ArrayList<>())
                    .add(row);
        }
        List<PlannedCall> calls = new ArrayList<>(byCall.size());
        byCall.forEach((id, callRows) -> calls.add(plan(id, callRows)));
        List<PlannedCall> sorted = new ArrayList<>(calls);
        sorted.sort(Comparator.comparing((PlannedCall call) -> call.rejection() != null)
                .thenComparing(PlannedCall::receivedAt));
        return sorted;
    }

    /** The latest time any report or step of {@code calls} carries, or {@code null} if none is playable. */
    public static @Nullable Instant latest(List<PlannedCall> calls) {
        Instant latest = null;
        for (PlannedCall call : calls) {
            if (call.rejection() == null && (latest == null || call.lastTime().isAfter(latest))) {
                latest = call.lastTime();
            }
        }
        return latest;
    }

    /** The earliest received time of {@code calls}, or {@code null} if none is playable. */
    public static @Nullable Instant earliest(List<PlannedCall> calls) {
        Instant earliest = null;
        for (PlannedCall call : calls) {
            if (call.rejection() == null
                    && (earliest == null || call.receivedAt().isBefore(earliest))) {
                earliest = call.receivedAt();
            }
        }
        return earliest;
    }

    private PlannedCall plan(String callId, List<SourceRow> rows) {
        SourceRow first = rows.get(0);
        String key = key(callId);
        if (callId.isEmpty()) {
            return refused(
                    callId, rows, key, new Rejection("no call id", "column '" + mapping.callId() + "' is empty"));
        }
        Instant received;
        try {
            received = time(first, mapping.receivedAt());
        } catch (DateTimeParseException e) {
            return refused(callId, rows, key, badTime(mapping.receivedAt(), first, e));
        }
        if (received == null) {
            return refused(
                    callId,
                    rows,
                    key,
                    new Rejection("no received time", "column '" + mapping.receivedAt() + "' is empty"));
        }
        String category = mapping.category().apply(first, header);
        if (category.equals(Mapping.REJECT)) {
            String type = header.value(first, mapping.category().column());
            return refused(callId, rows, key, Rejection.of("call type '" + type + "' is not mapped"));
        }
        ObjectNode report = report(first, callId, received, category);
        Units units = units(rows, received);
        return new PlannedCall(
                callId,
                rows,
                received,
                null,
                report,
                key,
                units.plays,
                units.rowRejections,
                units.stepRejections,
                units.notMapped);
    }

    private PlannedCall refused(String callId, List<SourceRow> rows, String key, Rejection rejection) {
        return new PlannedCall(callId, rows, Instant.MIN, rejection, null, key, List.of(), Map.of(), List.of(), 0);
    }

    private String key(String callId) {
        String key = mapping.source().name() + "-" + callId;
        return key.length() > MAX_REF ? key.substring(0, MAX_REF) : key;
    }

    private ObjectNode report(SourceRow row, String callId, Instant received, String category) {
        ObjectNode report = json.createObjectNode();
        report.put("channel", mapping.channel().apply(row, header));
        report.put("receivedAt", received.toString());
        String address = address(row);
        if (address != null) {
            report.put("address", address);
        }
        double[] point = point(row);
        if (point != null) {
            report.put("lat", point[0]);
            report.put("lon", point[1]);
        }
        report.put("text", clip(mapping.text().render(row, header), MAX_TEXT));
        if (!category.equals(Mapping.SUGGEST)) {
            report.put("category", category);
        }
        putLookup(report, "priority", mapping.priority(), row);
        putLookup(report, "severity", mapping.severity(), row);
        report.put("externalRef", key(callId));
        return report;
    }

    private void putLookup(ObjectNode report, String field, @Nullable Lookup lookup, SourceRow row) {
        String value = lookup == null ? null : lookup.apply(row, header);
        if (value != null) {
            report.put(field, value);
        }
    }

    private @Nullable String address(SourceRow row) {
        for (Template template : mapping.address()) {
            if (template.isCompleteIn(row, header)) {
                String address = template.render(row, header);
                if (!address.isBlank()) {
                    return clip(address, 500);
                }
            }
        }
        return null;
    }

    /** The row's point, moved into our city if the mapping says so; {@code null} if it has none. */
    double @Nullable [] point(SourceRow row) {
        LocationRule rule = mapping.location();
        if (rule == null) {
            return null;
        }
        double[] point = rule.column() != null
                ? pointFromText(header.value(row, rule.column()), rule.lonFirst())
                : pointFromColumns(header.value(row, rule.latitude()), header.value(row, rule.longitude()));
        if (point == null || Math.abs(point[0]) > 90 || Math.abs(point[1]) > 180 || point[0] == 0 && point[1] == 0) {
            return null;
        }
        return mapping.relocate() == null ? point : mapping.relocate().apply(point[0], point[1]);
    }

    static double @Nullable [] pointFromText(String text, boolean lonFirst) {
        Matcher numbers = NUMBER.matcher(text);
        double[] found = new double[2];
        for (int i = 0; i < 2; i++) {
            if (!numbers.find()) {
                return null;
            }
            found[i] = Double.parseDouble(numbers.group());
        }
        if (numbers.find()) {
            return null;
        }
        return lonFirst ? new double[] {found[1], found[0]} : found;
    }

    private static double @Nullable [] pointFromColumns(String lat, String lon) {
        try {
            return lat.isEmpty() || lon.isEmpty()
                    ? null
                    : new double[] {Double.parseDouble(lat), Double.parseDouble(lon)};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // --- units -----------------------------------------------------------------------------

    private static final class Units {
        final List<AgencyPlay> plays = new ArrayList<>();
        final Map<SourceRow, Rejection> rowRejections = new LinkedHashMap<>();
        final List<StepRejection> stepRejections = new ArrayList<>();
        long notMapped;
    }

    /** One unit row's times, by step. */
    private record UnitTimes(SourceRow row, Map<StepKind, Instant> times) {}

    private Units units(List<SourceRow> rows, Instant received) {
        Units units = new Units();
        UnitRule rule = mapping.units();
        if (rule == null) {
            return units;
        }
        Map<String, List<UnitTimes>> byAgency = new LinkedHashMap<>();
        for (SourceRow row : rows) {
            String agency = rule.agency().apply(row, header);
            if (agency == null || agency.equals(Mapping.SKIP)) {
                units.notMapped++;
                continue;
            }
            try {
                byAgency.computeIfAbsent(agency, a -> new ArrayList<>()).add(new UnitTimes(row, times(rule, row)));
            } catch (BadTime e) {
                units.rowRejections.put(row, e.rejection);
            }
        }
        byAgency.forEach((agency, unitTimes) -> units.plays.add(play(rule, agency, unitTimes, received, units)));
        units.plays.removeIf(play -> play.steps().isEmpty());
        return units;
    }

    private Map<StepKind, Instant> times(UnitRule rule, SourceRow row) throws BadTime {
        Map<StepKind, Instant> times = new EnumMap<>(StepKind.class);
        putTime(times, StepKind.DISPATCH, rule.dispatch(), row);
        putTime(times, StepKind.ACKNOWLEDGE, rule.acknowledge(), row);
        putTime(times, StepKind.ARRIVE, rule.arrive(), row);
        if (rule.completeWhenColumn() == null
                || rule.completeWhenValues().contains(header.value(row, rule.completeWhenColumn()))) {
            putTime(times, StepKind.COMPLETE, rule.complete(), row);
        }
        return times;
    }

    private void putTime(Map<StepKind, Instant> times, StepKind kind, @Nullable String column, SourceRow row)
            throws BadTime {
        if (column == null) {
            return;
        }
        try {
            Instant at = time(row, column);
            if (at != null) {
                times.put(kind, at);
            }
        } catch (DateTimeParseException e) {
            throw new BadTime(badTime(column, row, e));
        }
    }

    private AgencyPlay play(UnitRule rule, String agency, List<UnitTimes> unitTimes, Instant received, Units units) {
        List<PlannedStep> chosen = new ArrayList<>();
        for (StepKind kind : StepKind.values()) {
            PlannedStep step = pick(rule, kind, unitTimes);
            if (step != null) {
                chosen.add(step);
            }
        }
        List<PlannedStep> steps = new ArrayList<>();
        Instant previous = received;
        String previousName = "received time (" + mapping.receivedAt() + ")";
        for (PlannedStep step : chosen) {
            if (step.at().isBefore(previous)) {
                units.stepRejections.add(new StepRejection(
                        step.row(),
                        new Rejection(
                                step.kind().label() + " time is before " + previousLabel(steps),
                                step.kind().label() + " for " + agency + ": " + step.column() + " " + show(step.at())
                                        + " is before " + previousName + " " + show(previous))));
                continue;
            }
            steps.add(step);
            previous = step.at();
            previousName = step.column();
        }
        List<SourceRow> rows = unitTimes.stream().map(UnitTimes::row).toList();
        return new AgencyPlay(agency, instructions(rule, rows), steps, rows);
    }

    private static String previousLabel(List<PlannedStep> steps) {
        return steps.isEmpty()
                ? "received time"
                : steps.get(steps.size() - 1).kind().label() + " time";
    }

    private @Nullable PlannedStep pick(UnitRule rule, StepKind kind, List<UnitTimes> unitTimes) {
        PlannedStep best = null;
        for (UnitTimes unit : unitTimes) {
            Instant at = unit.times().get(kind);
            if (at == null) {
                continue;
            }
            boolean better =
                    best == null || (kind == StepKind.COMPLETE ? at.isAfter(best.at()) : at.isBefore(best.at()));
            if (better) {
                best = new PlannedStep(kind, at, unit.row(), column(rule, kind));
            }
        }
        return best;
    }

    private static String column(UnitRule rule, StepKind kind) {
        String column =
                switch (kind) {
                    case DISPATCH -> rule.dispatch();
                    case ACKNOWLEDGE -> rule.acknowledge();
                    case ARRIVE -> rule.arrive();
                    case COMPLETE -> rule.complete();
                };
        return column == null ? kind.label() : column;
    }

    private String instructions(UnitRule rule, List<SourceRow> rows) {
        if (rule.instructions() == null) {
            return "Replayed from " + mapping.source().name() + " call " + header.value(rows.get(0), mapping.callId());
        }
        Set<String> parts = new LinkedHashSet<>();
        for (SourceRow row : rows) {
            parts.add(rule.instructions().render(row, header));
        }
        return clip(String.join(", ", parts), MAX_INSTRUCTIONS);
    }

    // --- times -----------------------------------------------------------------------------

    private @Nullable Instant time(SourceRow row, String column) {
        String text = header.value(row, column);
        return text.isEmpty() ? null : mapping.time().parse(text).plus(shift);
    }

    private Rejection badTime(String column, SourceRow row, DateTimeParseException e) {
        return new Rejection(
                "bad time in column '" + column + "'",
                "column '" + column + "': '" + header.value(row, column) + "' does not fit " + mapping.time());
    }

    private String show(Instant shifted) {
        return mapping.time().show(shifted.minus(shift));
    }

    private static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /** A unit time that does not fit the log's time format. */
    private static final class BadTime extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Rejection rejection;

        BadTime(Rejection rejection) {
            super(rejection.detail(), null, false, false);
            this.rejection = rejection;
        }
    }
}
