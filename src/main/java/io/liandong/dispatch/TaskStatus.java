package io.liandong.dispatch;

import org.jspecify.annotations.Nullable;

/** Where a task stands. COMPLETED, RETURNED and CANCELLED are final. */
public enum TaskStatus {
    ISSUED,
    ACKNOWLEDGED,
    ARRIVED,
    COMPLETED,
    RETURNED,
    CANCELLED;

    /** The outcome of asking a task in this status to take a step: a new status, or a refusal. */
    public record Transition(@Nullable TaskStatus to, @Nullable String refusal) {

        static Transition to(TaskStatus status) {
            return new Transition(status, null);
        }

        static Transition refused(String why) {
            return new Transition(null, why);
        }

        public boolean allowed() {
            return to != null;
        }
    }

    public boolean isFinal() {
        return this == COMPLETED || this == RETURNED || this == CANCELLED;
    }

    public boolean isActive() {
        return !isFinal();
    }

    /** The rules of the task steps; report-back keeps the status. */
    public Transition take(TaskStep step) {
        if (isFinal()) {
            return Transition.refused("task is already " + name());
        }
        return switch (step) {
            case ACKNOWLEDGE -> this == ISSUED ? Transition.to(ACKNOWLEDGED) : refusedFrom(step);
            case ARRIVE -> this == ACKNOWLEDGED ? Transition.to(ARRIVED) : refusedFrom(step);
            case REPORT_BACK -> this == ISSUED ? refusedFrom(step) : Transition.to(this);
            case COMPLETE -> this == ISSUED ? refusedFrom(step) : Transition.to(COMPLETED);
            case RETURN -> this == ARRIVED ? refusedFrom(step) : Transition.to(RETURNED);
            case CANCEL -> Transition.to(CANCELLED);
        };
    }

    private Transition refusedFrom(TaskStep step) {
        return Transition.refused("cannot " + step.verb() + " a task that is " + name());
    }
}
