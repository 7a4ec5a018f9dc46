package io.liandong.record;

/**
 * Published, inside the writing transaction, for every entry appended to a record, once it is
 * written (just before the transaction commits). Consoles stream these; the entry id is monotonic,
 * so a client that lost its connection asks for everything after the last id it saw. The
 * transaction's entries together follow as one {@link RecordCommitted}.
 */
public record RecordAppended(RecordEntry entry) {}
