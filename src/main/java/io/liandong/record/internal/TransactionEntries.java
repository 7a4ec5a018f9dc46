package io.liandong.record.internal;

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
 * Gathers the entries appended in the current transaction and publishes them as one
 * {@link RecordCommitted} from the transaction's {@code beforeCommit}: still inside it, so that
 * what listeners store for the event (the outbox's publication row) commits or rolls back with the
 * entries themselves. A transaction that rolls back publishes nothing.
 */
@Component
public class TransactionEntries {

    private final ApplicationEventPublisher events;
    private final String node;

    TransactionEntries(ApplicationEventPublisher events, NodeIdentity node) {
        this.events = events;
        this.node = node.value();
    }

    /**
     * Adds an entry the current transaction appended. Without transaction synchronization (no
     * {@code beforeCommit} would come) the entry is published at once, on its own.
     */
    public void add(RecordEntry entry) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            events.publishEvent(new RecordCommitted(List.of(entry), node));
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(Pending.class);
        if (pending == null) {
            pending = new Pending(events, node);
            TransactionSynchronizationManager.bindResource(Pending.class, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.add(entry);
    }

    /** One transaction's entries not published yet; bound to it, and moved aside while it is suspended. */
    private static final class Pending implements TransactionSynchronization {

        private final ApplicationEventPublisher events;
        private final String node;
        private List<RecordEntry> entries = new ArrayList<>();
        private boolean committing;

        Pending(ApplicationEventPublisher events, String node) {
            this.events = events;
            this.node = node;
        }

        void add(RecordEntry entry) {
            entries.add(entry);
            // Once beforeCommit has run there is no later call to publish from: an entry appended
            // by another synchronization's beforeCommit leaves at once.
            if (committing || entries.size() == RecordCommitted.MAX_ENTRIES) {
                publish();
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            committing = true;
            publish();
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

        private void publish() {
            if (entries.isEmpty()) {
                return;
            }
            List<RecordEntry> batch = entries;
            entries = new ArrayList<>();
            events.publishEvent(new RecordCommitted(batch, node));
        }
    }
}
