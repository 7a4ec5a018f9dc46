package io.liandong.replay.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a call log writes its times: a {@link DateTimeFormatter} pattern (English month and AM/PM
 * names, case ignored) or one of {@code ISO_LOCAL_DATE_TIME}, {@code ISO_OFFSET_DATE_TIME},
 * {@code ISO_INSTANT}, {@code EPOCH_SECONDS}, {@code EPOCH_MILLIS}; and the zone that local times
 * are in. In a daylight-saving overlap the earlier offset is taken; in a gap the time moves forward.
 */
public final class SourceTime {

    private final String format;
    private final @Nullable ZoneId zone;
    private final @Nullable DateTimeFormatter formatter;

    private SourceTime(String format, @Nullable ZoneId zone, @Nullable DateTimeFormatter formatter) {
        this.format = format;
        this.zone = zone;
        this.formatter = formatter;
    }

    /**
     * Checks and builds a time format. A format without an offset needs a zone.
     *
     * @throws IllegalArgumentException naming the bad pattern or zone
     */
    public static SourceTime of(String format, @Nullable String zone) {
        ZoneId zoneId = zone == null ? null : zoneId(zone);
        DateTimeFormatter formatter =
                switch (format) {
                    case "EPOCH_SECONDS", "EPOCH_MILLIS" -> null;
                    case "ISO_LOCAL_DATE_TIME" -> DateTimeFormatter.ISO_LOCAL_DATE_TIME;
                    case "ISO_OFFSET_DATE_TIME" -> DateTimeFormatter.ISO_OFFSET_DATE_TIME;
                    case "ISO_INSTANT" -> DateTimeFormatter.ISO_INSTANT;
                    default -> pattern(format);
                };
        SourceTime time = new SourceTime(format, zoneId, formatter);
        if (zoneId == null && formatter != null && !time.carriesOffset()) {
            throw new IllegalArgumentException("time format '" + format + "' has no offset, so it needs a zone");
        }
        return time;
    }

    private static ZoneId zoneId(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + zone + "'", e);
        }
    }

    private static DateTimeFormatter pattern(String pattern) {
        try {
            return new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern(pattern)
                    .toFormatter(Locale.US);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad time pattern '" + pattern + "': " + e.getMessage(), e);
        }
    }

    private boolean carriesOffset() {
        if (formatter == DateTimeFormatter.ISO_OFFSET_DATE_TIME || formatter == DateTimeFormatter.ISO_INSTANT) {
            return true;
        }
        return format.contains("X")
                || format.contains("x")
                || format.contains("Z")
                || format.contains("O")
                || format.contains("VV");
    }

    /**
     * The instant {@code text} stands for.
     *
     * @throws DateTimeParseException when the text does not fit the format
     */
    public Instant parse(String text) {
        if (formatter == null) {
            return epoch(text);
        }
        TemporalAccessor parsed = formatter.parse(text);
        if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(parsed);
        }
        LocalDateTime local = LocalDateTime.from(parsed);
        if (zone == null) {
            throw new DateTimeParseException("'" + text + "' has no offset and no zone is set", text, 0);
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private Instant epoch(String text) {
        try {
            long value = Long.parseLong(text);
            return format.equals("EPOCH_SECONDS") ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
        } catch (NumberFormatException e) {
            throw new DateTimeParseException("'" + text + "' is not a whole number of " + format, text, 0, e);
        }
    }

    /** Shows {@code instant} as the log would, for messages a user matches against the file. */
    public String show(Instant instant) {
        ZoneId shown = zone == null ? ZoneId.of("UTC") : zone;
        if (formatter == null || formatter == DateTimeFormatter.ISO_INSTANT) {
            return instant.toString();
        }
        try {
            return formatter.format(instant.atZone(shown));
        } catch (DateTimeException e) {
            return instant.toString();
        }
    }

    @Override
    public String toString() {
        return format + (zone == null ? "" : " in " + zone);
    }
}
