package io.liandong.agency;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Objects;

/**
 * A yearly window, both days included, in which a seasonal agency sits in the hall; written
 * {@code MM-dd/MM-dd}. A window may run over the new year: {@code 11-01/03-31} is the heating
 * season from 1 November to 31 March.
 */
public record SeasonWindow(MonthDay from, MonthDay to) {

    public SeasonWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** Reads {@code MM-dd/MM-dd}, for example {@code 06-01/09-30}. */
    public static SeasonWindow parse(String text) {
        String[] days = text.strip().split("/", -1);
        if (days.length != 2) {
            throw new IllegalArgumentException("season window must look like MM-dd/MM-dd, was '" + text + "'");
        }
        return new SeasonWindow(monthDay(days[0], text), monthDay(days[1], text));
    }

    /** Whether the day falls in this window, either end included. */
    public boolean contains(LocalDate date) {
        MonthDay day = MonthDay.from(date);
        if (!from.isAfter(to)) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
        return !day.isBefore(from) || !day.isAfter(to);
    }

    /** {@code MM-dd/MM-dd}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return String.format(
                "%02d-%02d/%02d-%02d",
                from.getMonthValue(), from.getDayOfMonth(), to.getMonthValue(), to.getDayOfMonth());
    }

    private static MonthDay monthDay(String day, String window) {
        try {
            return MonthDay.parse("--" + day.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "season window must look like MM-dd/MM-dd, was '" + window + "' ('" + day + "' is not MM-dd)", e);
        }
    }
}
