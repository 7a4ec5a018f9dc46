package io.liandong.shared;

/** 紧急程度: P1 life at risk now … P4 no time pressure. */
public enum Priority {
    P1,
    P2,
    P3,
    P4;

    /** Whether this priority is at least as urgent as {@code other} (P1 is the most urgent). */
    public boolean atLeast(Priority other) {
        return ordinal() <= other.ordinal();
    }
}
