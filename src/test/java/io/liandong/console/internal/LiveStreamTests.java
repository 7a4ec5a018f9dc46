package io.liandong.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.liandong.record.RecordEntry;
import io.liandong.record.RecordService;
import io.liandong.shared.security.AccountChanged;
import io.liandong.shared.security.LoggedOut;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TypeMismatchDataAccessException;
import tools.jackson.databind.json.JsonMapper;

class LiveStreamTests {

    private static final Instant AT = Instant.parse("2026-12-04T12:29:00Z");

    private final RecordService records = mock(RecordService.class);
    private LiveStream stream;

    private LiveStream stream(int queueCapacity, int replayLimit) {
        stream = new LiveStream(
                records,
                JsonMapper.builder().build(),
                new StreamProperties(queueCapacity, Duration.ofHours(1), Duration.ofMinutes(30), replayLimit, 2));
        return stream;
    }

    @AfterEach
    void close() {
        if (stream != null) {
            stream.destroy();
        }
    }

    static RecordEntry entry(long id, String type, @Nullable String agency) {
        return new RecordEntry(
                id, 9, AT, AT, "commander", "S-001", type, agency == null ? null : id, agency, null, null);
    }

    @Test
    @DisplayName("a fresh client is told where the record stands, then gets every new entry in order")
    void freshClientGetsReadyThenLiveEntries() {
        when(records.lastId()).thenReturn(41L);
        RecordingSink sink = new RecordingSink();
        stream(100, 100).subscribe(sink, null, null);
        eventually(() -> sink.names().contains("ready"));

        stream.publish(entry(42, "INCIDENT_OPENED", null));
        stream.publish(entry(43, "TASK_ISSUED", "GAS-CO"));

        eventually(() -> sink.events.size() == 3);
        assertThat(sink.events.get(0)).isEqualTo(new Event("41", "ready", "{\"lastId\":41,\"resync\":false}"));
        assertThat(sink.ids()).containsExactly("41", "42", "43");
        assertThat(sink.names()).containsExactly("ready", "INCIDENT_OPENED", "TASK_ISSUED");
        assertThat(sink.events.get(2).data()).contains("\"agency\":\"GAS-CO\"").contains("\"type\":\"TASK_ISSUED\"");
    }

    @Test
    @DisplayName("a console opens before the first report, when the record is still empty")
    void opensOnAnEmptyRecord() {
        when(records.lastId()).thenThrow(new TypeMismatchDataAccessException("Result value is null"));
        RecordingSink sink = new RecordingSink();
        stream(100, 100).subscribe(sink, null, null);

        eventually(() -> sink.names().contains("ready"));
        assertThat(sink.events.get(0)).isEqualTo(new Event("0", "ready", "{\"lastId\":0,\"resync\":false}"));
    }

    @Test
    @DisplayName("an agency user sees only its own agency's entries, live and replayed")
    void agencyUserSeesOnlyItsOwnAgency() {
        when(records.since(10L, 100))
                .thenReturn(List.of(
                        entry(11, "TASK_ISSUED", "POLICE-SHUANGTA"),
                        entry(12, "TASK_ISSUED", "GAS-CO"),
                        entry(13, "LEADER_NOTIFIED", null)));
        RecordingSink gas = new RecordingSink();
        stream(100, 100).subscribe(gas, "GAS-CO", 10L);
        eventually(() -> gas.names().contains("ready"));

        stream.publish(entry(14, "TASK_ACKNOWLEDGED", "POLICE-SHUANGTA"));
        stream.publish(entry(15, "TASK_ACKNOWLEDGED", "GAS-CO"));
        stream.publish(entry(16, "INCIDENT_CLOSED", null));

        eventually(() -> gas.ids().contains("15"));
        assertThat(gas.ids()).containsExactly("12", "13", "15");
        assertThat(gas.names()).containsExactly("TASK_ISSUED", "ready", "TASK_ACKNOWLEDGED");
    }

    @Test
    @DisplayName("a reconnecting client gets what it missed first, then live entries, none twice")
    void reconnectReplaysMissedEntriesWithoutDuplicates() {
        when(records.since(40L, 100))
                .thenReturn(List.of(entry(41, "TASK_ISSUED", "GAS-CO"), entry(42, "TASK_ACKNOWLEDGED", "GAS-CO")));
        RecordingSink sink = new RecordingSink();
        stream(100, 100).subscribe(sink, null, 40L);
        eventually(() -> sink.names().contains("ready"));

        stream.publish(entry(42, "TASK_ACKNOWLEDGED", "GAS-CO")); // committed during the replay
        stream.publish(entry(43, "TASK_ARRIVED", "GAS-CO"));

        eventually(() -> sink.ids().contains("43"));
        assertThat(sink.ids()).containsExactly("41", "42", "42", "43");
        assertThat(sink.names()).containsExactly("TASK_ISSUED", "TASK_ACKNOWLEDGED", "ready", "TASK_ARRIVED");
        assertThat(sink.events.get(2).data()).isEqualTo("{\"lastId\":42,\"resync\":false}");
    }

    @Test
    @DisplayName("a client that missed more than the replay limit is told to re-fetch everything")
    void tooMuchMissedAsksForResync() {
        when(records.since(0L, 2)).thenReturn(List.of(entry(1, "INCIDENT_OPENED", null), entry(2, "TASK_ISSUED", "X")));
        when(records.lastId()).thenReturn(500L);
        RecordingSink sink = new RecordingSink();
        stream(100, 2).subscribe(sink, null, 0L);

        eventually(() -> sink.names().contains("ready"));
        Event ready = sink.events.get(sink.events.size() - 1);
        assertThat(ready).isEqualTo(new Event("500", "ready", "{\"lastId\":500,\"resync\":true}"));
    }

    @Test
    @DisplayName(
            "a client that saw entries beyond the record's newest (another or a restored database) is told to re-fetch")
    void anIdAheadOfTheRecordAsksForResync() {
        when(records.lastId()).thenReturn(41L);
        RecordingSink sink = new RecordingSink();
        stream(100, 100).subscribe(sink, null, 999_999L);

        eventually(() -> sink.names().contains("ready"));
        assertThat(sink.events).containsExactly(new Event("41", "ready", "{\"lastId\":41,\"resync\":true}"));
    }

    @Test
    @DisplayName("a client that stops reading is disconnected; publishing never waits and others keep getting entries")
    void slowClientIsDisconnectedWithoutStallingPublishers() throws Exception {
        when(records.lastId()).thenReturn(0L);
        CountDownLatch neverRead = new CountDownLatch(1);
        BlockingSink slow = new BlockingSink(neverRead);
        RecordingSink fast = new RecordingSink();
        stream(50, 100).subscribe(slow, null, null);
        stream.subscribe(fast, null, null);
        assertThat(slow.entered.await(5, TimeUnit.SECONDS)).isTrue();
        eventually(() -> fast.names().contains("ready"));

        Duration slowest = Duration.ZERO;
        for (int batch = 0; batch < 5; batch++) {
            long started = System.nanoTime();
            for (int i = 1; i <= 20; i++) {
                stream.publish(entry(batch * 20L + i, "TASK_REMINDED", "GAS-CO"));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
            int expected = 1 + (batch + 1) * 20;
            eventually(() -> fast.events.size() == expected);
        }

        assertThat(slowest).isLessThan(Duration.ofSeconds(1));
        assertThat(slow.closed).isTrue();
        assertThat(stream.open()).isEqualTo(1);
        neverRead.countDown();
    }

    @Test
    @DisplayName("a client whose connection broke is dropped")
    void brokenClientIsDropped() {
        when(records.lastId()).thenReturn(0L);
        RecordingSink broken = new RecordingSink();
        broken.failing = true;
        stream(10, 100).subscribe(broken, null, null);

        eventually(() -> stream.open() == 0);
        assertThat(broken.closed).isTrue();
    }

    @Test
    @DisplayName("idle clients get heartbeat comments")
    void heartbeatsReachIdleClients() {
        when(records.lastId()).thenReturn(0L);
        RecordingSink sink = new RecordingSink();
        stream(10, 100).subscribe(sink, null, null);
        eventually(() -> sink.names().contains("ready"));

        stream.heartbeat();

        eventually(() -> sink.comments.size() == 1);
    }

    @Test
    @DisplayName("a node that begins to shut down ends every stream at once, and any opened after")
    void shuttingDownEndsTheStreams() {
        when(records.lastId()).thenReturn(0L);
        RecordingSink first = new RecordingSink();
        stream(10, 100).subscribe(first, null, null);
        eventually(() -> first.names().contains("ready"));

        stream.stop();
        RecordingSink late = new RecordingSink();
        stream.subscribe(late, null, null);

        assertThat(first.closed).isTrue();
        assertThat(late.closed).isTrue();
        assertThat(stream.open()).isZero();
        assertThat(stream.isRunning()).isFalse();
    }

    @Test
    @DisplayName("entries committed before anyone listens cost nothing")
    void publishingWithoutClientsDoesNothing() {
        stream(10, 100).publish(entry(1, "INCIDENT_OPENED", null));
        assertThat(stream.open()).isZero();
    }

    /** Waits up to five seconds for a condition the sender threads will make true. */
    static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    record Event(@Nullable String id, String name, String data) {}

    @Test
    @DisplayName(
            "a change of a user's account ends that user's streams at once, no other's, and no heartbeat is needed")
    void anAccountChangeEndsThatUsersStreams() {
        when(records.lastId()).thenReturn(0L);
        RecordingSink moved = new RecordingSink();
        RecordingSink movedElsewhere = new RecordingSink();
        RecordingSink other = new RecordingSink();
        stream(10, 100).subscribe(moved, null, null, "moved", () -> true);
        stream.subscribe(movedElsewhere, null, null, "moved", () -> true);
        stream.subscribe(other, null, null, "other", () -> true);

        stream.on(new AccountChanged("moved"));

        assertThat(moved.closed).isTrue();
        assertThat(movedElsewhere.closed).isTrue();
        assertThat(other.closed).isFalse();
        assertThat(stream.open()).isEqualTo(1);
    }

    @Test
    @DisplayName("at a heartbeat a stream whose login no longer holds as it was ends (another node's change)")
    void aHeartbeatEndsAStreamWhoseAccountChanged() {
        when(records.lastId()).thenReturn(0L);
        RecordingSink changed = new RecordingSink();
        RecordingSink unchanged = new RecordingSink();
        boolean[] holds = {true};
        stream(10, 100).subscribe(changed, null, null, "changed", () -> holds[0]);
        stream.subscribe(unchanged, null, null, "unchanged", () -> true);

        stream.heartbeat();
        holds[0] = false;
        stream.heartbeat();

        assertThat(changed.closed).isTrue();
        assertThat(unchanged.closed).isFalse();
    }

    @Test
    @DisplayName("a logout re-checks that user's streams at once: the one whose login is gone ends, the others stay")
    void aLogoutEndsOnlyTheStreamsWhoseLoginIsGone() {
        when(records.lastId()).thenReturn(0L);
        RecordingSink loggedOut = new RecordingSink();
        RecordingSink otherSession = new RecordingSink();
        RecordingSink otherUserGone = new RecordingSink();
        boolean[] holds = {true};
        stream(10, 100).subscribe(loggedOut, null, null, "leaving", () -> holds[0]);
        stream.subscribe(otherSession, null, null, "leaving", () -> true);
        stream.subscribe(otherUserGone, null, null, "other", () -> false);

        holds[0] = false;
        stream.on(new LoggedOut("leaving"));

        assertThat(loggedOut.closed).isTrue();
        assertThat(otherSession.closed).isFalse();
        assertThat(otherUserGone.closed)
                .as("another user's stream waits for its heartbeat")
                .isFalse();
        assertThat(stream.open()).isEqualTo(2);
    }

    static class RecordingSink implements ClientSink {

        final List<Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean closed;
        volatile boolean failing;

        @Override
        public void event(@Nullable String id, String name, String data) throws IOException {
            if (failing) {
                throw new IOException("connection reset by peer");
            }
            events.add(new Event(id, name, data));
        }

        @Override
        public void comment(String text) {
            comments.add(text);
        }

        @Override
        public void close() {
            closed = true;
        }

        List<String> ids() {
            return new ArrayList<>(events.stream().map(Event::id).toList());
        }

        List<String> names() {
            return new ArrayList<>(events.stream().map(Event::name).toList());
        }
    }

    /** A client whose socket never drains: every write blocks until the test lets go. */
    static class BlockingSink implements ClientSink {

        final CountDownLatch release;
        final CountDownLatch entered = new CountDownLatch(1);
        volatile boolean closed;

        BlockingSink(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void event(@Nullable String id, String name, String data) throws IOException {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void comment(String text) {}

        @Override
        public void close() {
            closed = true;
        }
    }
}
