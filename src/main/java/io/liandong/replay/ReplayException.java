package io.liandong.replay;

/**
 * A replay that cannot start or go on, with the exit status to end with: {@link
 * ReplaySummary#USAGE} for a bad command line or mapping file, {@link ReplaySummary#FAILED} for a
 * center that cannot be reached or refuses the login.
 */
public final class ReplayException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public ReplayException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ReplayException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
