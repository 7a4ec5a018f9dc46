package io.liandong.record;

/**
 * Published, inside the writing transaction, for every entry appended to a record. Consoles
 * stream these; the entry id is monotonic, so a client that lost its connection asks for
 * everything after the last id it saw.
 */
public record RecordAppended(RecordEntry entry) {}
