package io.liandong.replay.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a running center over its HTTP API: HTTP/1.1 with kept-alive connections, HTTP Basic
 * or a bearer token. A request that fails in transport (not a timeout) is sent again up to twice;
 * that is safe because reports carry an idempotency key and steps a version.
 */
public final class CenterClient {

    private static final int TRANSPORT_ATTEMPTS = 3;

    private final URI base;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final JsonMapper json;

    /** {@code token} wins over {@code user}/{@code password} when given. */
    public CenterClient(
            URI base,
            @Nullable String user,
            @Nullable String password,
            @Nullable String token,
            Duration timeout,
            JsonMapper json) {
        this.base = base.toString().endsWith("/") ? URI.create(base.toString().replaceAll("/+$", "")) : base;
        this.authorization = token != null
                ? "Bearer " + token
                : "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(Math.min(10, Math.max(1, timeout.toSeconds()))))
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI base() {
        return base;
    }

    /** GET {@code path} (starting with {@code /api}). */
    public Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    /** DELETE {@code path}. */
    public Answer delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE().build());
    }

    /** POST {@code body} as JSON to {@code path}, with an idempotency key if one is given. */
    public Answer post(String path, JsonNode body, @Nullable String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", authorization);
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= TRANSPORT_ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                return answer(request, response);
            } catch (HttpTimeoutException e) {
                throw new IOException(
                        "no answer within " + timeout.toSeconds() + " s from " + request.method() + " "
                                + request.uri().getPath(),
                        e);
            } catch (IOException e) {
                last = e;
                if (attempt < TRANSPORT_ATTEMPTS) {
                    Thread.sleep(200L * attempt);
                }
            }
        }
        throw new IOException(describe(last) + " on " + request.method() + " " + request.uri(), last);
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private Answer answer(HttpRequest request, HttpResponse<String> response) {
        String text = response.body() == null ? "" : response.body();
        JsonNode body = null;
        if (!text.isBlank()) {
            try {
                body = json.readTree(text);
            } catch (JacksonException e) {
                body = null;
            }
        }
        return new Answer(
                response.statusCode(),
                body,
                text,
                request.method() + " " + request.uri().getPath());
    }
}
