package io.liandong.dispatch;

/**
 * How many tasks are still being worked on (issued, acknowledged or arrived) and how many of those
 * are past their current deadline.
 */
public record ActiveTasks(long active, long overdue) {

    public static final ActiveTasks NONE = new ActiveTasks(0, 0);

    public ActiveTasks plus(ActiveTasks other) {
        return new ActiveTasks(active + other.active, overdue + other.overdue);
    }
}
