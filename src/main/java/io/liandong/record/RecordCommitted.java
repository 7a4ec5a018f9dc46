package io.liandong.record;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Published once per transaction that appended to the record, inside it, just before it commits:
 * every entry the transaction appended, in the order it appended them (so in increasing id). For
 * listeners that want a transaction's entries together, such as the outbox to Kafka, which stores
 * one publication per event. {@link RecordAppended} is published for each entry just before.
 *
 * <p>A transaction that appends more than {@link #MAX_ENTRIES} entries publishes one of these per
 * {@code MAX_ENTRIES}, so that no single event grows without bound; one that reads the record after
 * appending publishes one for the entries before the read. A transaction that rolls back
 * publishes none. (An entry appended in a nested transaction that was rolled back to its savepoint
 * would still be in it; nothing in Liandong appends under a savepoint.)
 *
 * @param entries at least one entry, all appended by the same transaction, oldest first
 * @param writtenBy the node that wrote them ({@code liandong.node-id}), kept with the event so that
 *     whichever node sends it later (after the writer died) names the writer; null in publications
 *     stored before this field existed
 */
public record RecordCommitted(List<RecordEntry> entries, @Nullable String writtenBy) {

    /** The most entries one event carries. */
    public static final int MAX_ENTRIES = 100;

    public RecordCommitted {
        entries = List.copyOf(entries);
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(
                    "a committed batch holds 1 to " + MAX_ENTRIES + " entries, was " + entries.size());
        }
    }
}
