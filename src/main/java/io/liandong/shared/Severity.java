package io.liandong.shared;

/** 事件级别: I especially major, II major, III larger, IV general. */
public enum Severity {
    I,
    II,
    III,
    IV;

    /** Whether this severity is at least as grave as {@code other} (I is the gravest). */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }
}
