package io.liandong.dispatch.internal;

import io.liandong.shared.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code liandong.dispatch.*}: deadlines per priority and the overdue watch's rhythm. */
@ConfigurationProperties("liandong.dispatch")
public record DispatchProperties(Map<Priority, Deadlines> deadlines, Overdue overdue) {

    /** How long an agency has, from issue, to acknowledge, arrive and complete. */
    public record Deadlines(Duration acknowledge, Duration arrive, Duration complete) {}

    /**
     * How often to scan and how many tasks one scan acts on at most, how often to remind, and after how many
     * reminders to escalate.
     */
    public record Overdue(
            Duration scanInterval,
            @DefaultValue("10") int scanLimit,
            Duration remindEvery,
            int escalateAfterReminders) {

        public Overdue {
            if (scanInterval == null || scanInterval.isNegative() || scanInterval.isZero()) {
                throw new IllegalArgumentException(
                        "liandong.dispatch.overdue.scan-interval must be positive, was " + scanInterval);
            }
            if (scanLimit < 1 || scanLimit > 1000) {
                throw new IllegalArgumentException(
                        "liandong.dispatch.overdue.scan-limit must be 1 to 1000, was " + scanLimit);
            }
            if (remindEvery == null || remindEvery.isNegative() || remindEvery.isZero()) {
                throw new IllegalArgumentException(
                        "liandong.dispatch.overdue.remind-every must be positive, was " + remindEvery);
            }
            if (escalateAfterReminders < 1) {
                throw new IllegalArgumentException(
                        "liandong.dispatch.overdue.escalate-after-reminders must be at least 1, was "
                                + escalateAfterReminders);
            }
        }
    }

    public DispatchProperties {
        deadlines = deadlines == null ? new EnumMap<>(Priority.class) : new EnumMap<>(deadlines);
        for (Priority p : Priority.values()) {
            if (!deadlines.containsKey(p)) {
                throw new IllegalArgumentException("liandong.dispatch.deadlines." + p + " is missing");
            }
        }
        if (overdue == null) {
            overdue = new Overdue(Duration.ofMillis(500), 10, Duration.ofMinutes(10), 2);
        }
    }

    Deadlines of(Priority priority) {
        return deadlines.get(priority);
    }
}
