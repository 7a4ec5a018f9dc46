package io.liandong.record.internal;

import io.liandong.record.RecordAppended;
import io.liandong.record.RecordCommitted;
import io.liandong.record.RecordEntry;
import io.liandong.shared.NodeIdentity;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Holds the entries appended in the current transaction and writes them together, in one
 * statement, from the transaction's {@code beforeCommit}: still inside it, so they commit or roll
 * back with everything else it wrote. Once written, each entry is published as {@link
 * RecordAppended} and the lot as one {@link RecordCommitted}, whose listeners (the outbox's
 * publication row) store what they need in the same transaction. A transaction that rolls back
 * writes and publishes nothing.
 *
 * <p>Entries are written earlier when a transaction has {@link RecordCommitted#MAX_ENTRIES}
 * waiting, and when it reads the record ({@link #flush()}), so that it reads what it appended.
 */
@Component
public class TransactionEntries {

    private final ApplicationEventPublisher events;
    private final EntryWriter writer;
    private final String node;

    TransactionEntries(ApplicationEventPublisher events, EntryWriter writer, NodeIdentity node) {
        this.events = events;
        this.writer = writer;
        this.node = node.value();
    }

    /**
     * Adds an entry (its id is ignored) to the current transaction's, to be written before it
     * commits. Without transaction synchronization (no {@code beforeCommit} would come) the entry
     * is written and published at once, on its own.
     */
    public void add(RecordEntry entry) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            publish(List.of(entry));
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(Pending.class);
        if (pending == null) {
            pending = new Pending(this);
            TransactionSynchronizationManager.bindResource(Pending.class, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.add(entry);
    }

    /** Writes the entries the current transaction has waiting, if any, so that a read in it sees them. */
    public void flush() {
        if (TransactionSynchronizationManager.getResource(Pending.class) instanceof Pending pending) {
            pending.write();
        }
    }

    private void publish(List<RecordEntry> waiting) {
        List<RecordEntry> written = writer.write(waiting);
        for (RecordEntry entry : written) {
            events.publishEvent(new RecordAppended(entry));
        }
        events.publishEvent(new RecordCommitted(written, node));
    }

    /** One transaction's entries not written yet; bound to it, and moved aside while it is suspended. */
    private static final class Pending implements TransactionSynchronization {

        private final TransactionEntries owner;
        private List<RecordEntry> waiting = new ArrayList<>();
        private boolean committing;

        Pending(TransactionEntries owner) {
            this.owner = owner;
        }

        void add(RecordEntry entry) {
            waiting.add(entry);
            // Once beforeCommit has run there is no later call to write from: an entry appended
            // by another synchronization's beforeCommit is written at once.
            if (committing || waiting.size() == RecordCommitted.MAX_ENTRIES) {
                write();
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            committing = true;
            write();
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(Pending.class);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(Pending.class, this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(Pending.class);
        }

        void write() {
            if (waiting.isEmpty()) {
                return;
            }
            List<RecordEntry> batch = waiting;
            waiting = new ArrayList<>();
            owner.publish(batch);
        }
    }
}
