package io.liandong.replay.internal;

/** What the replay plays for an agency, in the order a task goes through them. */
public enum StepKind {
    /** The commander orders the agency to the incident: {@code orders/dispatch}. */
    DISPATCH("dispatch", "dispatch"),
    /** The agency acknowledges; a unit is en route. */
    ACKNOWLEDGE("acknowledge", "acknowledge"),
    /** The first unit is on scene. */
    ARRIVE("arrive", "arrive"),
    /** The last unit is free again. */
    COMPLETE("complete", "complete");

    private final String label;
    private final String path;

    StepKind(String label, String path) {
        this.label = label;
        this.path = path;
    }

    public String label() {
        return label;
    }

    /** The last path segment of the step's endpoint. */
    public String path() {
        return path;
    }
}
