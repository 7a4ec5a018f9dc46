package io.liandong.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A console's view of the load: subscribes to {@code GET /api/stream} like the web console does
 * and notes when the {@code REPORT_RECEIVED} record entry of each generated report arrives. The
 * load generator puts {@code [LG-<run>-<index>]} in each report's external reference, and the
 * center writes that reference into the entry's detail, so each entry names its report.
 */
final class StreamWatch implements AutoCloseable {

    private static final String RECEIVED = "REPORT_RECEIVED";

    private final Map<Long, Long> arrivals = new ConcurrentHashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicLong events = new AtomicLong();
    private final Thread reader;
    private volatile String tag = "";
    private volatile InputStream body;
    private volatile boolean closing;
    private volatile String failure;

    private StreamWatch(URI center, String authorization, Duration timeout) {
        reader = new Thread(() -> read(center, authorization, timeout), "stream-watch");
        reader.setDaemon(true);
    }

    /** Subscribes and waits until the center says the stream is live. */
    static StreamWatch open(URI center, String authorization, Duration timeout) throws InterruptedException {
        StreamWatch watch = new StreamWatch(center, authorization, timeout);
        watch.reader.start();
        if (!watch.ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || watch.failure != null) {
            watch.close();
            throw new IllegalStateException("console stream of " + center + " did not open: " + watch.failure);
        }
        return watch;
    }

    /** From now on, match entries of the run with this tag; earlier arrivals are forgotten. */
    void follow(String runTag) {
        arrivals.clear();
        tag = "[LG-" + runTag + "-";
    }

    /** When report {@code index} of the followed run arrived on the stream (System.nanoTime), or null. */
    Long arrival(long index) {
        return arrivals.get(index);
    }

    int matched() {
        return arrivals.size();
    }

    long events() {
        return events.get();
    }

    String failure() {
        return failure;
    }

    /** Waits until {@code expected} entries of the followed run arrived, or the time is up. */
    void awaitMatched(long expected, Duration patience) throws InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        while (arrivals.size() < expected && System.nanoTime() < until && failure == null) {
            Thread.sleep(20);
        }
    }

    private void read(URI center, String authorization, Duration timeout) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        HttpRequest request = HttpRequest.newBuilder(center.resolve("/api/stream"))
                .header("Authorization", authorization)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            if (response.statusCode() != 200) {
                failure = "status " + response.statusCode();
                ready.countDown();
                return;
            }
            lines(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
            if (!closing) {
                failure = "the center ended the stream";
            }
        } catch (IOException e) {
            if (!closing) {
                failure = e.toString();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ready.countDown();
        }
    }

    private void lines(BufferedReader lines) throws IOException {
        String event = "";
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            long now = System.nanoTime();
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
                if (event.equals("ready")) {
                    ready.countDown();
                }
            } else if (line.startsWith("data:")) {
                events.incrementAndGet();
                if (event.equals(RECEIVED)) {
                    match(line, now);
                }
            } else if (line.isEmpty()) {
                event = "";
            }
        }
    }

    private void match(String data, long now) {
        String prefix = tag;
        int at = prefix.isEmpty() ? -1 : data.indexOf(prefix);
        if (at < 0) {
            return;
        }
        int from = at + prefix.length();
        int end = data.indexOf(']', from);
        if (end > from) {
            arrivals.putIfAbsent(Long.parseLong(data.substring(from, end)), now);
        }
    }

    @Override
    public void close() {
        closing = true;
        InputStream stream = body;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // the stream is being abandoned; an error closing it changes nothing
            }
        }
        reader.interrupt();
    }
}
