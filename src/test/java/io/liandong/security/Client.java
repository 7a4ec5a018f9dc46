package io.liandong.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP client on 127.0.0.1 for the security suite, in the three shapes a caller takes: a machine
 * client (HTTP Basic, keeps nothing), a browser (keeps cookies, sends the CSRF header only when
 * told) and nobody. A server-sent event stream is never read to its end: {@link #send} answers its
 * status and headers and hangs up, {@link #events} reads it until a chosen event.
 */
final class Client {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String ACCEPT = "application/json, text/event-stream;q=0.9, */*;q=0.8";

    private final URI base;
    private final HttpClient http;
    private final @Nullable CookieManager cookies;
    private final @Nullable String authorization;

    private Client(int port, @Nullable String authorization, boolean keepCookies) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.authorization = authorization;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (keepCookies) {
            this.cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
            builder.cookieHandler(cookies);
        } else {
            this.cookies = null;
        }
        this.http = builder.build();
    }

    static Client basic(int port, String username, String password) {
        String pair = username + ":" + password;
        String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        return new Client(port, "Basic " + encoded, false);
    }

    static Client bearer(int port, String token) {
        return new Client(port, "Bearer " + token, false);
    }

    static Client anonymous(int port) {
        return new Client(port, null, false);
    }

    static Client browser(int port) {
        return new Client(port, null, true);
    }

    /** One answer. A stream's body is left unread (empty). */
    record Reply(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        @Nullable
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The problem type of a problem-details answer, or null. */
        @Nullable
        String problemType() {
            if (!body.startsWith("{")) {
                return null;
            }
            JsonNode type = json().get("type");
            return type == null ? null : type.asString();
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    /** One server-sent event. */
    record Event(@Nullable String id, String name, String data) {}

    Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Reply post(String path, @Nullable Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    Reply put(String path, @Nullable Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    /** Sends a request; {@code body} is a JSON string, an object written as JSON, or null for none. */
    Reply send(String method, String path, @Nullable Object body, String... headers) {
        HttpRequest.Builder request = request(path, headers);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        }
        return exchange(request);
    }

    Reply postForm(String path, Map<String, String> form, String... headers) {
        String text = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = request(path, headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        return exchange(request);
    }

    /** Logs in with the console's form: first a request that sets the CSRF cookie, then the post. */
    Reply login(String username, String password) {
        if (cookie("XSRF-TOKEN") == null) {
            get("/api/me");
        }
        return postForm("/login", Map.of("username", username, "password", password), csrfHeader());
    }

    /** The {@code X-XSRF-TOKEN} header with the current cookie's value, or nothing without a cookie. */
    String[] csrfHeader() {
        String token = cookie("XSRF-TOKEN");
        return token == null ? new String[0] : new String[] {"X-XSRF-TOKEN", token};
    }

    @Nullable
    String cookie(String name) {
        if (cookies == null) {
            return null;
        }
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    /**
     * Opens an event stream and reads it until an event matches {@code last} (that event included),
     * or fails after {@code timeout}.
     */
    List<Event> events(String path, Predicate<Event> last, Duration timeout) {
        try (EventStream stream = stream(path)) {
            return stream.until(last, timeout);
        }
    }

    /** Opens an event stream; once this returns, the server has subscribed the client. */
    EventStream stream(String path) {
        HttpRequest request = request(path, "Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = open(request);
        if (response.statusCode() != 200) {
            hangUp(response.body());
            throw new AssertionError("stream " + path + " answered " + response.statusCode());
        }
        return new EventStream(path, response.body());
    }

    /** An open event stream, read on a thread of its own so that a silent server cannot hang a test. */
    static final class EventStream implements AutoCloseable {

        private final String path;
        private final InputStream in;
        private final BufferedReader lines;

        private EventStream(String path, InputStream in) {
            this.path = path;
            this.in = in;
            this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        /** Reads events until one matches {@code last} (included), or fails after {@code timeout}. */
        List<Event> until(Predicate<Event> last, Duration timeout) {
            CompletableFuture<List<Event>> reading = new CompletableFuture<>();
            Thread reader = new Thread(
                    () -> {
                        try {
                            reading.complete(read(last));
                        } catch (RuntimeException e) {
                            reading.completeExceptionally(e);
                        }
                    },
                    "event-stream-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                return reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                hangUp(in);
                throw new AssertionError("no matching event on " + path + " within " + timeout, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("reading " + path + " failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        /**
         * Reads events until the server ends the stream and answers them; fails if it is still open
         * after {@code timeout}.
         */
        List<Event> untilEnded(Duration timeout) {
            List<Event> seen = new CopyOnWriteArrayList<>();
            try {
                until(
                        e -> {
                            seen.add(e);
                            return false;
                        },
                        timeout);
            } catch (IllegalStateException ended) {
                if (ended.getCause() instanceof IllegalStateException eof
                        && eof.getMessage().startsWith("stream ended")) {
                    return List.copyOf(seen);
                }
                throw ended;
            }
            throw new AssertionError("the stream " + path + " did not end");
        }

        private List<Event> read(Predicate<Event> last) {
            List<Event> events = new ArrayList<>();
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            Event event = new Event(id, name, data.toString());
                            events.add(event);
                            if (last.test(event)) {
                                return events;
                            }
                        }
                        id = null;
                        name = "message";
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("stream broke after " + events.size() + " events", e);
            }
            throw new IllegalStateException("stream ended after " + events.size() + " events");
        }

        @Override
        public void close() {
            hangUp(in);
        }
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", ACCEPT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return request;
    }

    private Reply exchange(HttpRequest.Builder request) {
        HttpResponse<InputStream> response = open(request.build());
        InputStream in = response.body();
        try {
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            String body = contentType.startsWith("text/event-stream")
                    ? ""
                    : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Reply(response.statusCode(), response.headers(), body);
        } catch (IOException e) {
            throw new IllegalStateException("reading the answer failed: " + e, e);
        } finally {
            hangUp(in);
        }
    }

    private HttpResponse<InputStream> open(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void hangUp(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the stream is abandoned on purpose; a failure to hang up changes nothing for the test
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
