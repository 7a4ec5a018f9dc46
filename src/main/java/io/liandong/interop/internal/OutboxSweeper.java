package io.liandong.interop.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

/**
 * Sends again what the outbox still holds. A restart already resends every unfinished
 * publication; this covers the rest while the nodes keep running: a send that failed (broker
 * away), and a publication left unfinished by a node that died and has not come back, or that died
 * while it was resending. Such a publication is marked failed once it has been idle for
 * {@code outbox-stale-after}, then resent; a message may so leave twice, and consumers drop the
 * second. Also keeps the {@code liandong.outbox.backlog} gauge: publications not yet sent, one per
 * transaction (with all the record entries it appended).
 */
class OutboxSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final ObjectProvider<FailedEventPublications> failed;
    private final KafkaBridgeProperties properties;
    private final AtomicLong backlog = new AtomicLong();
    private volatile ScheduledExecutorService timer;

    OutboxSweeper(
            JdbcClient jdbc,
            ObjectProvider<FailedEventPublications> failed,
            KafkaBridgeProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.failed = failed;
        this.properties = properties;
        Gauge.builder("liandong.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox publications (one per transaction) not yet sent to Kafka, as of the last sweep")
                .register(meters);
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "outbox-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.outboxSweepInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
        timer = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = timer;
        if (executor != null) {
            executor.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /** One sweep: mark idle publications failed, resend the failed ones, count what is left. */
    void sweep() {
        Instant idleSince = Instant.now().minus(properties.outboxStaleAfter());
        int stale = jdbc.sql(
                        """
                        UPDATE event_publication SET status = 'FAILED'
                        WHERE completion_date IS NULL
                          AND status IN ('PUBLISHED', 'PROCESSING', 'RESUBMITTED')
                          AND COALESCE(last_resubmission_date, publication_date) < ?""")
                .param(Timestamp.from(idleSince))
                .update();
        if (stale > 0) {
            log.warn("{} outbox publications idle since before {} are resent", stale, idleSince);
        }
        FailedEventPublications publications = failed.getIfAvailable();
        if (publications != null) {
            publications.resubmit(ResubmissionOptions.defaults().withBatchSize(BATCH));
        }
        backlog.set(backlog());
    }

    long backlog() {
        return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL")
                .query(Long.class)
                .single();
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // The timer must survive a database hiccup; the next sweep tries again.
            log.error("Outbox sweep failed; retrying in {}", properties.outboxSweepInterval(), e);
        }
    }
}
