package io.liandong.replay.internal;

/** A mapping file that cannot be used; the message names the file, the key and the bad value. */
public final class MappingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
