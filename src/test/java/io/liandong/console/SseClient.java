package io.liandong.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Reads {@code GET /api/stream} as a browser's EventSource would, for the tests. */
final class SseClient implements AutoCloseable {

    /** One server-sent event. */
    record Event(@Nullable String id, String name, String data) {}

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final int status;
    private final @Nullable String contentType;
    private final @Nullable Stream<String> lines;
    private volatile boolean ended;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse(null);
        this.lines = response.body();
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static SseClient open(int port, String user, String password, @Nullable String lastEventId) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return open(port, "Basic " + basic, lastEventId);
    }

    /** A stream opened with an API token ({@code Authorization: Bearer …}). */
    static SseClient withToken(int port, String token) throws Exception {
        return open(port, "Bearer " + token, null);
    }

    private static SseClient open(int port, String authorization, @Nullable String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", authorization)
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .get(10, TimeUnit.SECONDS));
    }

    int status() {
        return status;
    }

    @Nullable
    String contentType() {
        return contentType;
    }

    List<Event> events() {
        return new ArrayList<>(events);
    }

    List<String> comments() {
        return new ArrayList<>(comments);
    }

    /** Waits up to ten seconds for an event that matches, and answers it. */
    Event await(Predicate<Event> wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (Event event : events) {
                if (wanted.test(event)) {
                    return event;
                }
            }
            pause();
        }
        throw new AssertionError("no matching event within 10 s; got " + events);
    }

    Event await(String name) {
        return await(event -> event.name().equals(name));
    }

    private void read() {
        String id = null;
        String name = "message";
        StringBuilder data = new StringBuilder();
        if (lines == null) {
            return;
        }
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "")
                            .append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException closed) {
            // the test closed the stream
        }
        ended = true;
    }

    /** Waits up to ten seconds for the server to end the stream. */
    void awaitEnd() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ended && System.nanoTime() < deadline) {
            pause();
        }
        if (!ended) {
            throw new AssertionError("the stream did not end within 10 s");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
    }
}
