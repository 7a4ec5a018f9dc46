package io.liandong.interop.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wraps Spring Modulith's JDBC publication repository to take the outbox's bookkeeping off the
 * commit path. Out of the box every publication costs, after the writing transaction, two more
 * transactions of its own: one marks it "processing", one marks it completed (here: deletes it),
 * and the second runs on the Kafka producer's only I/O thread. Here "processing" is not written
 * (the outbox sweep treats published and processing alike), and completions are queued and
 * written in batches, one transaction each, by a thread of their own.
 *
 * <p>What it gives up: a node killed between the broker's acknowledgement and the batch's commit
 * (at most {@link #MAX_WAIT} later) sends those transactions' entries once more after its restart,
 * which the consumers drop as duplicates. At-least-once delivery is unchanged.
 */
final class BatchedCompletions implements EventPublicationRepository, DisposableBean {

    static final long MAX_WAIT = 50;
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(BatchedCompletions.class);

    private record Completion(UUID id, Instant at) {}

    private final EventPublicationRepository delegate;
    private final TransactionTemplate transactions;
    private final BlockingQueue<Completion> completed = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    BatchedCompletions(EventPublicationRepository delegate, TransactionTemplate transactions) {
        this.delegate = delegate;
        this.transactions = transactions;
        this.writer = new Thread(this::writeCompletions, "outbox-completions");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public TargetEventPublication create(TargetEventPublication publication) {
        return delegate.create(publication);
    }

    @Override
    public void markProcessing(UUID identifier) {
        // Not written: a publication still in the table is resent whether it was being processed or not.
    }

    @Override
    public void markCompleted(TargetEventPublication publication, Instant completionDate) {
        publication.markCompleted(completionDate);
        markCompleted(publication.getIdentifier(), completionDate);
    }

    @Override
    public void markCompleted(UUID identifier, Instant completionDate) {
        completed.add(new Completion(identifier, completionDate));
    }

    @Override
    public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
        delegate.markCompleted(event, identifier, completionDate);
    }

    @Override
    public void markFailed(UUID identifier) {
        delegate.markFailed(identifier);
    }

    @Override
    public boolean markResubmitted(UUID identifier, Instant resubmissionDate) {
        return delegate.markResubmitted(identifier, resubmissionDate);
    }

    @Override
    public List<TargetEventPublication> findIncompletePublications() {
        return delegate.findIncompletePublications();
    }

    @Override
    public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
        return delegate.findIncompletePublicationsPublishedBefore(instant);
    }

    @Override
    public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(
            Object event, PublicationTargetIdentifier targetIdentifier) {
        return delegate.findIncompletePublicationsByEventAndTargetIdentifier(event, targetIdentifier);
    }

    @Override
    public List<TargetEventPublication> findCompletedPublications() {
        return delegate.findCompletedPublications();
    }

    @Override
    public void deletePublications(List<UUID> identifiers) {
        delegate.deletePublications(identifiers);
    }

    @Override
    public void deleteCompletedPublications() {
        delegate.deleteCompletedPublications();
    }

    @Override
    public void deleteCompletedPublicationsBefore(Instant instant) {
        delegate.deleteCompletedPublicationsBefore(instant);
    }

    @Override
    public List<TargetEventPublication> findFailedPublications(FailedCriteria criteria) {
        return delegate.findFailedPublications(criteria);
    }

    @Override
    public List<TargetEventPublication> findByStatus(Status status) {
        return delegate.findByStatus(status);
    }

    @Override
    public int countByStatus(Status status) {
        return delegate.countByStatus(status);
    }

    /** Completions queued but not yet written. */
    int pending() {
        return completed.size();
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        writer.interrupt();
        writer.join(TimeUnit.SECONDS.toMillis(5));
        write(drain());
    }

    private void writeCompletions() {
        while (running) {
            try {
                Completion first = completed.poll(MAX_WAIT, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Completion> batch = new ArrayList<>(List.of(first));
                completed.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The publications stay in the outbox and are sent once more; consumers drop the repeat.
                log.warn("Could not record completed outbox publications; they will be resent", e);
            }
        }
    }

    private List<Completion> drain() {
        List<Completion> rest = new ArrayList<>();
        completed.drainTo(rest);
        return rest;
    }

    private void write(List<Completion> batch) {
        if (batch.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(tx -> batch.forEach(c -> delegate.markCompleted(c.id(), c.at())));
    }
}
