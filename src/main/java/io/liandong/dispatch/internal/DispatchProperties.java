package io.liandong.dispatch.internal;

import io.liandong.shared.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code liandong.dispatch.*}: deadlines per priority and the overdue watch's rhythm. */
@ConfigurationProperties("liandong.dispatch")
public record DispatchProperties(Map<Priority, Deadlines> deadlines, Overdue overdue) {

    /** How long an agency has, from issue, to acknowledge, arrive and complete. */
    public record Deadlines(Duration acknowledge, Duration arrive, Duration complete) {}

    /** How often to scan, how often to remind, and after how many reminders to escalate. */
    public record Overdue(Duration scanInterval, Duration remindEvery, int escalateAfterReminders) {}

    public DispatchProperties {
        deadlines = deadlines == null ? new EnumMap<>(Priority.class) : new EnumMap<>(deadlines);
        for (Priority p : Priority.values()) {
            if (!deadlines.containsKey(p)) {
                throw new IllegalArgumentException("liandong.dispatch.deadlines." + p + " is missing");
            }
        }
        if (overdue == null) {
            overdue = new Overdue(Duration.ofSeconds(15), Duration.ofMinutes(10), 2);
        }
    }

    Deadlines of(Priority priority) {
        return deadlines.get(priority);
    }
}
