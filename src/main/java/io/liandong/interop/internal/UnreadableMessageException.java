package io.liandong.interop.internal;

/** A message on the record topic that is not a record entry; retrying cannot help, it is dead-lettered at once. */
class UnreadableMessageException extends RuntimeException {

    UnreadableMessageException(String message) {
        super(message);
    }

    UnreadableMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
