package io.liandong.console.internal;

import io.liandong.interop.RemoteRecordReceived;
import io.liandong.record.RecordAppended;
import io.liandong.record.RecordEntry;
import io.liandong.record.RecordService;
import io.liandong.shared.security.AccountChanged;
import io.liandong.shared.security.LoggedOut;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.dao.TypeMismatchDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes every committed record entry to every open console that may see it.
 *
 * <p>The thread that committed the change only serializes the entry once and adds it to each
 * client's bounded queue; a small pool of sender threads writes the queues out. A client whose
 * queue is full is too slow to keep up and is disconnected (its browser reconnects and replays
 * what it missed) rather than allowed to hold up intake. A client that reconnects with the last
 * id it saw first gets the entries written since then from the record, then the live ones, and a
 * {@code ready} event that tells it to re-fetch its lists.
 */
@Component
class LiveStream implements DisposableBean, SmartLifecycle {

    static final String READY = "ready";

    /**
     * The {@code ready} event: the stream is live from entry {@code lastId} on; {@code resync}
     * says the client missed more than could be replayed and must re-fetch its lists.
     */
    record Ready(long lastId, boolean resync) {}

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);

    private final RecordService records;
    private final JsonMapper json;
    private final StreamProperties properties;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicLong numbers = new AtomicLong();
    private final ExecutorService senders;
    private final ScheduledExecutorService heartbeats;

    LiveStream(RecordService records, JsonMapper json, StreamProperties properties) {
        this.records = records;
        this.json = json;
        this.properties = properties;
        this.senders = Executors.newFixedThreadPool(properties.senderThreads(), threads("console-stream-"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(threads("console-heartbeat-"));
        long every = properties.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a stream for one client.
     *
     * @param agency the agency whose entries alone the client may see, or null for all
     * @param resumeAfter the last entry id the client saw, or null for a fresh start
     */
    Subscriber subscribe(ClientSink sink, @Nullable String agency, @Nullable Long resumeAfter) {
        return subscribe(sink, agency, resumeAfter, null, () -> true);
    }

    /**
     * As above, for user {@code username}'s client, whose login is checked at every heartbeat: once
     * it no longer holds as it was (logged out, disabled, new password, or any other change of the
     * account such as its roles or agency) the stream ends; the client reconnects with a new login
     * or with the account's new rights. A change made on this node ends it at once
     * ({@link AccountChanged}), and so does a logout on this node of the session it was opened
     * with ({@link LoggedOut}).
     */
    Subscriber subscribe(
            ClientSink sink,
            @Nullable String agency,
            @Nullable Long resumeAfter,
            @Nullable String username,
            BooleanSupplier stillLoggedIn) {
        Subscriber subscriber =
                new Subscriber(numbers.incrementAndGet(), agency, resumeAfter, username, sink, stillLoggedIn);
        subscribers.add(subscriber);
        if (!running) {
            drop(subscriber);
            return subscriber;
        }
        log.debug(
                "Console stream {} opened for agency {} after entry {}; {} open",
                subscriber.number(),
                agency,
                resumeAfter,
                subscribers.size());
        schedule(subscriber);
        return subscriber;
    }

    /** Called by the emitter when the connection ends, times out or fails. */
    void unsubscribe(Subscriber subscriber) {
        if (subscriber.close()) {
            subscribers.remove(subscriber);
            log.debug("Console stream {} closed; {} open", subscriber.number(), subscribers.size());
        }
    }

    /**
     * Pushes an entry once its transaction has committed. A plain listener with an after-commit
     * callback, not a transactional event listener, so that with Kafka on the outbox does not
     * also store a publication for this node-local push.
     */
    @EventListener
    void on(RecordAppended appended) {
        RecordEntry entry = appended.entry();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publish(entry);
                }
            });
        } else {
            publish(entry);
        }
    }

    /**
     * An administrator changed a user's account on this node: once that has committed, the user's
     * streams here end, so that the reconnecting console gets the account's new rights. (Another
     * node's streams notice at their next heartbeat.)
     */
    @EventListener
    void on(AccountChanged changed) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    endStreamsOf(changed.username());
                }
            });
        } else {
            endStreamsOf(changed.username());
        }
    }

    private void endStreamsOf(String username) {
        int ended = 0;
        for (Subscriber subscriber : subscribers) {
            if (username.equals(subscriber.username())) {
                drop(subscriber);
                ended++;
            }
        }
        if (ended > 0) {
            log.info("Ended {} console streams of user {}: the account was changed", ended, username);
        }
    }

    /**
     * The user logged out of one session on this node: the user's streams here are checked at once,
     * as a heartbeat would, so that the logged-out session's end and the user's other logins keep
     * theirs. (Another node's streams of that session notice at their next heartbeat.)
     */
    @EventListener
    void on(LoggedOut loggedOut) {
        String username = loggedOut.username();
        int ended = 0;
        for (Subscriber subscriber : subscribers) {
            if (username.equals(subscriber.username()) && endedForItsLogin(subscriber)) {
                ended++;
            }
        }
        log.debug("User {} logged out: ended {} of the user's console streams", username, ended);
    }

    /** An entry another node wrote, delivered through Kafka: this node's consoles see it too. */
    @EventListener
    void on(RemoteRecordReceived received) {
        publish(received.entry());
    }

    /** Queues an entry for every client that may see it; never waits for a client. */
    void publish(RecordEntry entry) {
        if (subscribers.isEmpty()) {
            return;
        }
        Subscriber.Entry item = new Subscriber.Entry(entry, json.writeValueAsString(entry));
        for (Subscriber subscriber : subscribers) {
            if (subscriber.sees(entry)) {
                offer(subscriber, item);
            }
        }
    }

    int open() {
        return subscribers.size();
    }

    void heartbeat() {
        for (Subscriber subscriber : subscribers) {
            if (!endedForItsLogin(subscriber)) {
                offer(subscriber, Subscriber.HEARTBEAT);
            }
        }
    }

    /** Ends the stream if its login no longer holds as it was; answers whether it did. */
    private boolean endedForItsLogin(Subscriber subscriber) {
        if (loginHolds(subscriber)) {
            return false;
        }
        log.info(
                "Console stream {} of user {} ended: logged out, or the account was changed"
                        + " (disabled, new password, roles, agency or seat)",
                subscriber.number(),
                subscriber.username());
        drop(subscriber);
        return true;
    }

    /** A check that fails (the database away) keeps the stream: only a clear no ends it. */
    private static boolean loginHolds(Subscriber subscriber) {
        try {
            return subscriber.stillLoggedIn();
        } catch (RuntimeException e) {
            log.debug("Console stream {}: its login could not be checked: {}", subscriber.number(), e.toString());
            return true;
        }
    }

    private void offer(Subscriber subscriber, Subscriber.Outgoing item) {
        if (!subscriber.enqueue(item, properties.queueCapacity())) {
            log.warn(
                    "Console stream {} disconnected: {} events waiting, the client reads too slowly",
                    subscriber.number(),
                    subscriber.queued());
            drop(subscriber);
            return;
        }
        schedule(subscriber);
    }

    private void schedule(Subscriber subscriber) {
        if (subscriber.closed() || !subscriber.claim()) {
            return;
        }
        try {
            senders.execute(() -> send(subscriber));
        } catch (RejectedExecutionException shuttingDown) {
            subscriber.release();
            drop(subscriber);
        }
    }

    /** Writes out one client's queue; runs on a sender thread, never two at once for one client. */
    private void send(Subscriber subscriber) {
        try {
            if (!subscriber.started()) {
                start(subscriber);
                subscriber.markStarted();
            }
            for (Subscriber.Outgoing item = subscriber.next();
                    item != null && !subscriber.closed();
                    item = subscriber.next()) {
                write(subscriber, item);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Console stream {} failed and is dropped: {}", subscriber.number(), e.toString());
            drop(subscriber);
        } finally {
            subscriber.release();
        }
        if (subscriber.hasQueued()) {
            schedule(subscriber);
        }
    }

    /** Replays what a reconnecting client missed, then says it is ready. */
    private void start(Subscriber subscriber) throws IOException {
        Long after = subscriber.resumeAfter();
        boolean resync = false;
        long resumeFrom;
        if (after == null) {
            resumeFrom = lastId();
        } else {
            List<RecordEntry> missed = records.since(after, properties.replayLimit());
            resumeFrom = after;
            for (RecordEntry entry : missed) {
                resumeFrom = Math.max(resumeFrom, entry.id());
                if (subscriber.sees(entry)) {
                    subscriber.replayed(entry.id());
                    subscriber.sink().event(Long.toString(entry.id()), entry.type(), json.writeValueAsString(entry));
                }
            }
            if (missed.size() >= properties.replayLimit()) {
                resync = true;
                resumeFrom = lastId();
            } else if (missed.isEmpty()) {
                long newest = lastId();
                if (after > newest) {
                    // The client saw entries this record does not hold (another database, or one
                    // restored from a backup): what it shows cannot be brought up to date entry by entry.
                    resync = true;
                    resumeFrom = newest;
                }
            }
        }
        String ready = json.writeValueAsString(new Ready(resumeFrom, resync));
        subscriber.sink().event(Long.toString(resumeFrom), READY, ready);
    }

    /**
     * The newest record entry id, 0 for an empty record. {@link RecordService#lastId()} answers a
     * {@code MAX(id)} that is null on an empty record, which some versions reject instead of
     * answering 0; a console that opens before the first report must still start.
     */
    private long lastId() {
        try {
            return records.lastId();
        } catch (TypeMismatchDataAccessException emptyRecord) {
            return 0L;
        }
    }

    private void write(Subscriber subscriber, Subscriber.Outgoing item) throws IOException {
        if (item instanceof Subscriber.Entry entry) {
            long id = entry.entry().id();
            if (!subscriber.wasReplayed(id)) {
                subscriber.sink().event(Long.toString(id), entry.entry().type(), entry.json());
            }
        } else {
            subscriber.sink().comment("heartbeat");
        }
    }

    private void drop(Subscriber subscriber) {
        if (subscriber.close()) {
            subscribers.remove(subscriber);
            try {
                subscriber.sink().close();
            } catch (RuntimeException e) {
                log.debug("Console stream {} did not close cleanly: {}", subscriber.number(), e.toString());
            }
        }
    }

    private volatile boolean running = true;

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream when the node begins to shut down, before the web server's graceful
     * shutdown, which would otherwise wait for these never-ending requests; the consoles reconnect,
     * to another node behind a load balancer, and resume from their last event id.
     */
    @Override
    public void stop() {
        running = false;
        int open = subscribers.size();
        for (Subscriber subscriber : subscribers) {
            drop(subscriber);
        }
        if (open > 0) {
            log.info("Ended {} console streams: this node is shutting down", open);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        heartbeats.shutdownNow();
        senders.shutdown();
        for (Subscriber subscriber : subscribers) {
            drop(subscriber);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
