package io.liandong.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the tests: either a browser (keeps cookies, sends the CSRF header when
 * asked) or a machine client (sends an Authorization header, keeps nothing).
 */
final class HttpClientFixture {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final CookieManager cookies;
    private final HttpClient http;
    private final List<String> fixedHeaders = new ArrayList<>();

    private HttpClientFixture(int port, boolean keepCookies) {
        this(port, keepCookies, new CookieManager());
    }

    private HttpClientFixture(int port, boolean keepCookies, CookieManager cookies) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.cookies = cookies;
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
        if (keepCookies) {
            builder.cookieHandler(cookies);
        }
        this.http = builder.build();
    }

    static HttpClientFixture browser(int port) {
        return new HttpClientFixture(port, true);
    }

    /** The same browser (same cookies) talking to another node of the center on this machine. */
    HttpClientFixture toPort(int port) {
        return new HttpClientFixture(port, true, cookies);
    }

    static HttpClientFixture basic(int port, String username, String password) {
        String credentials =
                Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return machine(port, "Basic " + credentials);
    }

    static HttpClientFixture bearer(int port, String token) {
        return machine(port, "Bearer " + token);
    }

    static HttpClientFixture anonymous(int port) {
        return new HttpClientFixture(port, false);
    }

    private static HttpClientFixture machine(int port, String authorization) {
        HttpClientFixture client = new HttpClientFixture(port, false);
        client.fixedHeaders.add("Authorization");
        client.fixedHeaders.add(authorization);
        return client;
    }

    /** One answer: status, headers and body (parsed as JSON on demand). */
    record Answer(int status, java.net.http.HttpHeaders headers, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        @Nullable
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    Answer get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Answer post(String path, @Nullable Object json, String... headers) {
        return send("POST", path, json, headers);
    }

    Answer put(String path, Object json, String... headers) {
        return send("PUT", path, json, headers);
    }

    Answer delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    Answer postForm(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = request(path, headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return exchange(request);
    }

    Answer send(String method, String path, @Nullable Object json, String... headers) {
        HttpRequest.Builder request = request(path, headers);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json)));
        }
        return exchange(request);
    }

    /** Logs in with the form the way the console does: fetch the CSRF cookie, then post it back. */
    Answer login(String username, String password) {
        if (cookie("XSRF-TOKEN") == null) {
            get("/api/me");
        }
        return postForm("/login", Map.of("username", username, "password", password), csrf());
    }

    /** The header pair that carries the CSRF cookie's value. */
    String[] csrf() {
        String token = cookie("XSRF-TOKEN");
        return token == null ? new String[0] : new String[] {"X-XSRF-TOKEN", token};
    }

    @Nullable
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json");
        for (int i = 0; i + 1 < fixedHeaders.size(); i += 2) {
            request.header(fixedHeaders.get(i), fixedHeaders.get(i + 1));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    private Answer exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
