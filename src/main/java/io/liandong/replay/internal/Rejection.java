package io.liandong.replay.internal;

/**
 * Why a row, a call or a step was not taken: {@code reason} is short and the same for every row
 * with the same problem (the summary groups by it); {@code detail} carries the offending values.
 */
public record Rejection(String reason, String detail) {

    public static Rejection of(String reason) {
        return new Rejection(reason, reason);
    }
}
