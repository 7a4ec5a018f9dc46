package io.liandong.replay;

/** How a replay shows its progress on standard error. */
public enum ProgressMode {
    /** A bar when standard error is a terminal, periodic lines otherwise. */
    AUTO,
    /** A bar redrawn in place. */
    BAR,
    /** A plain line every few seconds. */
    LINES,
    /** Nothing. */
    NONE
}
