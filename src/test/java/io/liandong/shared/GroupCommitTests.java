package io.liandong.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Group commit: who goes together, who waits, and that every caller gets its own answer. */
class GroupCommitTests {

    private static final java.time.Duration LONG = java.time.Duration.ofMinutes(1);
    private static final java.util.function.Supplier<RuntimeException> TIMED_OUT =
            () -> new IllegalStateException("no lane in time");

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<List<String>> groups = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    /** A processor that records each group and answers every item with its upper case. */
    private GroupCommit.Processor<String, String> upperCase(CountDownLatch firstMayFinish) {
        return group -> {
            groups.add(group.stream().map(GroupCommit.Entry::item).toList());
            if (groups.size() == 1) {
                await(firstMayFinish);
            }
            group.forEach(e -> e.answer(e.item().toUpperCase(java.util.Locale.ROOT)));
        };
    }

    private static GroupCommit<String, String> commit(
            int lanes, int maxGroup, GroupCommit.Processor<String, String> processor) {
        return new GroupCommit<>(lanes, maxGroup, item -> null, processor, item -> "alone:" + item, LONG, TIMED_OUT);
    }

    private Future<String> submit(GroupCommit<String, String> commit, String item) {
        return callers.submit(() -> commit.submit(item));
    }

    /** Holds the only lane with item "first" until {@code release} is counted down. */
    private Future<String> holdTheLane(GroupCommit<String, String> commit) throws Exception {
        Future<String> first = submit(commit, "first");
        while (groups.isEmpty()) {
            Thread.sleep(1);
        }
        return first;
    }

    private static void waitUntilWaiting(GroupCommit<?, ?> commit, int items) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (commit.waiting() < items) {
            assertThat(System.nanoTime()).as("%d items waiting", items).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    @DisplayName("a caller who finds a lane free goes alone and at once, on its own thread")
    void aLoneCallerGoesAtOnce() {
        GroupCommit<String, String> commit = commit(2, 10, upperCase(new CountDownLatch(0)));

        assertThat(commit.submit("a")).isEqualTo("A");
        assertThat(groups).containsExactly(List.of("a"));
        assertThat(commit.waiting()).isZero();
    }

    @Test
    @DisplayName("items that arrive while every lane is busy go together in one group, each caller gets its answer")
    void itemsArrivingWhileTheLaneIsBusyGoTogether() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, String> commit = commit(1, 10, upperCase(release));
        Future<String> first = holdTheLane(commit);
        Map<String, Future<String>> later = new java.util.LinkedHashMap<>();
        for (String item : List.of("b", "c", "d", "e")) {
            later.put(item, submit(commit, item));
        }
        waitUntilWaiting(commit, 4);

        release.countDown();

        assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("FIRST");
        for (var each : later.entrySet()) {
            assertThat(each.getValue().get(20, TimeUnit.SECONDS))
                    .isEqualTo(each.getKey().toUpperCase());
        }
        assertThat(groups).hasSize(2);
        assertThat(groups.get(1)).containsExactlyInAnyOrder("b", "c", "d", "e");
    }

    @Test
    @DisplayName("no group is larger than maxGroup; the rest wait for the next")
    void groupsStayWithinTheirSize() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, String> commit = commit(1, 3, upperCase(release));
        Future<String> first = holdTheLane(commit);
        List<Future<String>> later = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            later.add(submit(commit, "x" + i));
        }
        waitUntilWaiting(commit, 7);

        release.countDown();

        first.get(20, TimeUnit.SECONDS);
        for (int i = 0; i < 7; i++) {
            assertThat(later.get(i).get(20, TimeUnit.SECONDS)).isEqualTo("X" + i);
        }
        assertThat(groups.subList(1, groups.size()))
                .allSatisfy(g -> assertThat(g).hasSizeBetween(1, 3));
        assertThat(groups.subList(1, groups.size()).stream()
                        .mapToInt(List::size)
                        .sum())
                .isEqualTo(7);
        assertThat(groups.get(1)).hasSize(3);
    }

    @Test
    @DisplayName("two items with one exclusive key never share a group; the later waits for the next")
    void itemsWithOneKeyGoInDifferentGroups() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, String> commit = new GroupCommit<>(
                1,
                10,
                item -> item.startsWith("k") ? "same key" : null,
                upperCase(release),
                item -> item,
                LONG,
                TIMED_OUT);
        Future<String> first = holdTheLane(commit);
        List<Future<String>> later = new ArrayList<>();
        for (String item : List.of("k1", "k2", "k3", "p", "q")) {
            later.add(submit(commit, item));
        }
        waitUntilWaiting(commit, 5);

        release.countDown();

        first.get(20, TimeUnit.SECONDS);
        for (Future<String> each : later) {
            each.get(20, TimeUnit.SECONDS);
        }
        for (List<String> group : groups) {
            assertThat(group.stream().filter(i -> i.startsWith("k")))
                    .as("keyed items in %s", group)
                    .hasSizeLessThanOrEqualTo(1);
        }
        assertThat(groups.stream().flatMap(List::stream))
                .containsExactlyInAnyOrder("first", "k1", "k2", "k3", "p", "q");
    }

    @Test
    @DisplayName("a refusal reaches only its own caller; alone() has the caller run its item on its own thread")
    void refusalsAndAloneReachOnlyTheirCallers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Map<String, String> aloneOn = new ConcurrentHashMap<>();
        GroupCommit<String, String> commit = new GroupCommit<>(
                1,
                10,
                item -> null,
                group -> {
                    groups.add(group.stream().map(GroupCommit.Entry::item).toList());
                    if (groups.size() == 1) {
                        await(release);
                    }
                    for (GroupCommit.Entry<String, String> e : group) {
                        switch (e.item()) {
                            case "bad" -> e.refuse(new IllegalArgumentException("bad item"));
                            case "solo" -> e.alone();
                            default -> e.answer("ok:" + e.item());
                        }
                    }
                },
                item -> {
                    aloneOn.put(item, Thread.currentThread().getName());
                    return "alone:" + item;
                },
                LONG,
                TIMED_OUT);
        Future<String> first = holdTheLane(commit);
        Future<String> bad = submit(commit, "bad");
        Future<String> solo = callers.submit(() -> {
            Thread.currentThread().setName("solo caller");
            return commit.submit("solo");
        });
        Future<String> good = submit(commit, "good");
        waitUntilWaiting(commit, 3);

        release.countDown();

        assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("ok:first");
        assertThat(good.get(20, TimeUnit.SECONDS)).isEqualTo("ok:good");
        assertThat(solo.get(20, TimeUnit.SECONDS)).isEqualTo("alone:solo");
        assertThat(aloneOn).containsExactly(Map.entry("solo", "solo caller"));
        assertThatThrownBy(() -> bad.get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad item");
        assertThat(groups.get(1)).containsExactlyInAnyOrder("bad", "solo", "good");
    }

    @Test
    @DisplayName(
            "an item the processor left unanswered, or a processor that throws: the callers are refused, none waits")
    void nobodyWaitsForEver() {
        GroupCommit<String, String> forgets = commit(1, 10, group -> {});
        assertThatThrownBy(() -> forgets.submit("a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unanswered");

        AtomicInteger calls = new AtomicInteger();
        GroupCommit<String, String> throwing = commit(1, 10, group -> {
            if (calls.incrementAndGet() == 1) {
                throw new UnsupportedOperationException("processor broke");
            }
            group.forEach(e -> e.answer("fine"));
        });
        assertThatThrownBy(() -> throwing.submit("a"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("processor broke");
        assertThat(throwing.submit("b")).as("the lane is free again").isEqualTo("fine");
    }

    @Test
    @DisplayName("many callers: never more groups at once than lanes, every item processed exactly once")
    void manyCallersStayWithinTheLanes() throws Exception {
        int lanes = 3;
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger mostBusy = new AtomicInteger();
        Map<Integer, Integer> processed = new ConcurrentHashMap<>();
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(
                lanes,
                8,
                item -> item % 5 == 0 ? "fives" : null,
                group -> {
                    int now = busy.incrementAndGet();
                    mostBusy.accumulateAndGet(now, Math::max);
                    sizes.add(group.size());
                    long fives = group.stream().filter(e -> e.item() % 5 == 0).count();
                    assertThat(fives).as("items of one key in one group").isLessThanOrEqualTo(1);
                    Thread.yield();
                    for (GroupCommit.Entry<Integer, Integer> e : group) {
                        processed.merge(e.item(), 1, Integer::sum);
                        e.answer(e.item() * 2);
                    }
                    busy.decrementAndGet();
                },
                Function.identity(),
                LONG,
                TIMED_OUT);
        int threads = 24;
        int each = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            done.add(callers.submit(() -> {
                await(start);
                for (int i = base; i < base + each; i++) {
                    assertThat(commit.submit(i)).isEqualTo(i * 2);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }

        assertThat(processed).hasSize(threads * each);
        assertThat(processed.values()).containsOnly(1);
        assertThat(mostBusy.get()).isBetween(1, lanes);
        assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, 8));
        assertThat(commit.waiting()).isZero();
    }

    @Test
    @DisplayName("an item no lane takes within maxWait is taken back and refused; it is never processed")
    void anItemThatWaitsTooLongIsRefusedAndNeverProcessed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, String> commit = new GroupCommit<>(
                1,
                10,
                item -> null,
                upperCase(release),
                item -> item,
                java.time.Duration.ofMillis(200),
                () -> new IllegalStateException("no lane in time"));
        Future<String> first = holdTheLane(commit);

        assertThatThrownBy(() -> commit.submit("late"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no lane in time");
        assertThat(commit.waiting()).as("taken back").isZero();

        release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("FIRST");
        assertThat(commit.submit("next")).isEqualTo("NEXT");
        assertThat(groups.stream().flatMap(List::stream)).containsExactly("first", "next");
    }

    @Test
    void refusesLanesOrGroupsBelowOne() {
        assertThatThrownBy(() -> commit(0, 1, g -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> commit(1, 0, g -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupCommit<String, String>(
                        1, 1, i -> null, g -> {}, i -> i, java.time.Duration.ZERO, TIMED_OUT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).as("released").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
