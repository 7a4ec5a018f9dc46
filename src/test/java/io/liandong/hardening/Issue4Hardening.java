package io.liandong.hardening;

import static io.liandong.testing.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.dispatch.internal.OverdueWatch;
import io.liandong.testing.Api;
import io.liandong.testing.Api.Answer;
import io.liandong.testing.MutableClock;
import io.liandong.testing.TestClockConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Regression tests for the gaps a newcomer found (issue #4): every error a problem, no clamped
 * limits, JSON only, districts of the city only, no control characters, authentication before
 * CSRF, idempotency keys per user and agencies' own notifications. Run on H2 and on PostgreSQL
 * by the subclasses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=" + Issue4Hardening.ADMIN_PASSWORD,
            "liandong.security.demo-password=" + Issue4Hardening.DEMO_PASSWORD,
            "liandong.security.demo-accounts=true",
            "liandong.home=target/test-home",
        })
@Import(TestClockConfiguration.class)
abstract class Issue4Hardening {

    static final String ADMIN_PASSWORD = "admin-Harden-123";
    static final String DEMO_PASSWORD = "demo-Harden-123";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger PLACE = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    OverdueWatch overdueWatch;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    Flyway flyway;

    Api admin;
    Api callTaker;
    Api commander;
    Api police;
    Api gas;

    @BeforeEach
    void users() {
        admin = Api.as(port, "admin", ADMIN_PASSWORD);
        callTaker = Api.as(port, "calltaker", DEMO_PASSWORD);
        commander = Api.as(port, "commander", DEMO_PASSWORD);
        police = Api.as(port, "police", DEMO_PASSWORD);
        gas = Api.as(port, "gas", DEMO_PASSWORD);
    }

    // ---- 1. whatever refuses a request, the answer is a problem --------------------------------

    @Test
    @DisplayName("#4.1: requests Tomcat or the firewall refuse get problem details, never an HTML page")
    void malformedRequestsGetProblemDetails() throws IOException {
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("URL over 8 KB", "GET /api/" + "a".repeat(9000) + " HTTP/1.1\r\n");
        requests.put("encoded dot segment", "GET /api/%2e%2e/x HTTP/1.1\r\n");
        requests.put("path parameter", "GET /api/..;/x HTTP/1.1\r\n");
        requests.put("encoded slash", "GET /api/a%2fb HTTP/1.1\r\n");
        requests.put("encoded backslash", "GET /api/a%5cb HTTP/1.1\r\n");
        requests.put("backslash", "GET /api/a\\b HTTP/1.1\r\n");
        requests.put("bad percent-encoding", "GET /api/%zz HTTP/1.1\r\n");
        requests.put("encoded NUL", "GET /api/a%00b HTTP/1.1\r\n");
        requests.put("header over 8 KB", "GET /api/me HTTP/1.1\r\nX-Big: " + "b".repeat(20_000) + "\r\n");
        requests.put(
                "control character in a header the center reads",
                "GET /api/me HTTP/1.1\r\nAuthorization: " + basic("admin", ADMIN_PASSWORD)
                        + "\r\nSec-Fetch-Site: same\u0001origin\r\n");

        for (var request : requests.entrySet()) {
            Raw answer = raw(request.getValue());
            String what = request.getKey() + " answered " + answer;
            assertThat(answer.status()).as(what).isEqualTo(400);
            assertThat(answer.header("content-type")).as(what).startsWith("application/problem+json");
            assertThat(answer.body())
                    .as(what)
                    .doesNotContainIgnoringCase("<html")
                    .doesNotContainIgnoringCase("tomcat")
                    .doesNotContain("Exception", "at org.", "at java.");
            assertThat(answer.header("server")).as(what).isNull();
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.get("type").asString()).as(what).isEqualTo("urn:liandong:problem:malformed-request");
            assertThat(problem.get("status").asInt()).as(what).isEqualTo(400);
            assertThat(problem.get("detail").asString()).as(what).isNotBlank();
        }
    }

    @Test
    @DisplayName("#4.1: the error page itself answers a problem, even to a client that asks for HTML")
    void theErrorPageIsAProblemToo() throws IOException {
        Raw direct = raw("GET /error HTTP/1.1\r\nAuthorization: " + basic("admin", ADMIN_PASSWORD) + "\r\n");

        assertThat(direct.status()).as(direct.toString()).isEqualTo(404);
        assertThat(direct.header("content-type")).startsWith("application/problem+json");
        assertThat(direct.body()).doesNotContainIgnoringCase("<html").doesNotContain("Whitelabel");
    }

    // ---- 2. limits -----------------------------------------------------------------------------

    @Test
    @DisplayName("#4.2: a limit out of range is refused with the allowed range, not clamped")
    void limitsOutOfRangeAreRefused() {
        Map<String, Integer> maxima = new LinkedHashMap<>();
        maxima.put("/api/tasks", 1000);
        maxima.put("/api/incidents", 2000);
        maxima.put("/api/reports", 2000);
        maxima.put("/api/notifications", 500);
        maxima.put("/api/audit", 1000);
        maxima.put("/api/interop/dead-letters", 1000);

        maxima.forEach((path, max) -> {
            for (long wrong : List.of(0L, -1L, max + 1L)) {
                Answer refused = admin.get(path + "?limit=" + wrong);
                assertThat(refused.status())
                        .as(path + " " + wrong + ": " + refused.text())
                        .isEqualTo(400);
                assertThat(refused.str("type")).isEqualTo("urn:liandong:problem:validation");
                assertThat(refused.str("detail")).as(path).contains("limit", "between 1 and " + max);
                assertThat(refused.json().get("errors").get(0).get("field").asString())
                        .isEqualTo("limit");
            }
            Answer largest = admin.get(path + "?limit=" + max);
            assertThat(largest.status()).as(path + " " + largest.text()).isEqualTo(200);
        });
    }

    // ---- 3. JSON only --------------------------------------------------------------------------

    @Test
    @DisplayName("#4.3: every JSON endpoint answers 415 to a text/plain body")
    void jsonEndpointsRefuseOtherMediaTypes() {
        List<String> writes = List.of(
                "POST /api/reports",
                "POST /api/reports/classify",
                "POST /api/incidents/1/orders/dispatch",
                "POST /api/incidents/1/orders/activate-plan",
                "POST /api/incidents/1/orders/note",
                "POST /api/incidents/1/orders/severity",
                "POST /api/incidents/1/orders/priority",
                "POST /api/incidents/1/orders/hand-over",
                "POST /api/incidents/1/orders/close",
                "POST /api/incidents/1/orders/cancel",
                "POST /api/incidents/1/orders/reopen",
                "POST /api/tasks/1/acknowledge",
                "POST /api/tasks/1/arrive",
                "POST /api/tasks/1/report-back",
                "POST /api/tasks/1/complete",
                "POST /api/tasks/1/return",
                "POST /api/agencies",
                "PUT /api/agencies/GAS-CO",
                "PUT /api/seats/S-001",
                "POST /api/categories",
                "PUT /api/categories/SOC-SUICIDE-GAS",
                "POST /api/plans",
                "PUT /api/plans/PLAN-GAS-SUICIDE",
                "POST /api/users",
                "PUT /api/users/police",
                "POST /api/users/police/tokens");
        long reports = reportCount();

        for (String write : writes) {
            String[] parts = write.split(" ");
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
                HttpResponse<String> answer = send(parts[0], parts[1], type, "{\"text\":\"有人打架\"}");
                assertThat(answer.statusCode())
                        .as(write + " as " + type + ": " + answer.body())
                        .isEqualTo(415);
                assertThat(answer.headers().firstValue("content-type").orElse(""))
                        .startsWith("application/problem+json");
                assertThat(answer.body()).contains("urn:liandong:problem:unsupported-media-type", "application/json");
            }
        }
        assertThat(reportCount()).isEqualTo(reports);
    }

    // ---- 4. districts --------------------------------------------------------------------------

    @Test
    @DisplayName("#4.4: a district code outside the center's city is refused and nothing is stored")
    void districtCodesOutsideTheCityAreRefused() {
        long reports = reportCount();
        for (String outside : List.of("110105", "211300", "211399", "999999", "110105001")) {
            Answer refused = callTaker.post("/api/reports", fight(outside, "district " + outside));
            assertThat(refused.status()).as(outside + ": " + refused.text()).isEqualTo(422);
            assertThat(refused.str("type")).isEqualTo("urn:liandong:problem:unknown-district");
            assertThat(refused.str("detail")).contains(outside, "211302");
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("districtCode");
        }
        assertThat(reportCount()).isEqualTo(reports);

        for (String inside : List.of("211302", "211381", "211302001")) {
            Answer accepted = callTaker.post("/api/reports", fight(inside, "district " + inside));
            assertThat(accepted.status()).as(inside + ": " + accepted.text()).isEqualTo(201);
        }
    }

    @Test
    @DisplayName("#4.4: a point far outside the city (0,0, another city) is refused naming lat; one near it is kept")
    void pointsFarOutsideTheCityAreRefused() {
        long reports = reportCount();
        // (0,0), Beijing, the south pole's date line, 68 km north of the city's box
        double[][] far = {{0, 0}, {39.9, 116.4}, {-90, 180}, {43.0, 120.0}};
        for (double[] point : far) {
            Map<String, Object> body = fight(null, "far " + point[0]);
            body.put("lat", point[0]);
            body.put("lon", point[1]);
            Answer refused = callTaker.post("/api/reports", body);
            String what = point[0] + "," + point[1] + ": " + refused.text();
            assertThat(refused.status()).as(what).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .as(what)
                    .isEqualTo("lat");
            assertThat(refused.str("detail"))
                    .as(what)
                    .contains("km outside the city", "a point more than 50 km outside is refused");
        }
        Map<String, Object> batch = map(
                "reports",
                List.of(
                        map("idempotencyKey", "far-batch-1", "report", fight(null, "batch near")),
                        map("idempotencyKey", "far-batch-2", "report", fight(null, "batch far"))));
        @SuppressWarnings("unchecked")
        Map<String, Object> second =
                (Map<String, Object>) ((Map<String, Object>) ((List<?>) batch.get("reports")).get(1)).get("report");
        second.put("lat", 39.9);
        second.put("lon", 116.4);
        Answer refusedBatch = callTaker.post("/api/reports/batch", batch);
        assertThat(refusedBatch.status()).as(refusedBatch.text()).isEqualTo(400);
        assertThat(refusedBatch.str("detail")).contains("km outside the city");
        assertThat(refusedBatch.json().get("errors").get(0).get("field").asString())
                .isEqualTo("reports[1].report.lat");
        assertThat(reportCount()).isEqualTo(reports);

        // about 7 km north of the box, e.g. a call from just across the border: kept
        Map<String, Object> near = fight(null, "near the border");
        near.put("lat", 42.45);
        near.put("lon", 120.0);
        Answer kept = callTaker.post("/api/reports", near);
        assertThat(kept.status()).as(kept.text()).isEqualTo(201);
    }

    // ---- 5. control characters -----------------------------------------------------------------

    @Test
    @DisplayName("#4.5: NUL and other control characters in a report are refused naming the field")
    void controlCharactersInAReportAreRefused() {
        long reports = reportCount();
        Map<String, String> fields = Map.of(
                "text", "有人\u0000打架",
                "address", "双塔区新华路\u0007 12 号",
                "callerName", "王\u001b某",
                "externalRef", "ref-\u0000");

        fields.forEach((field, value) -> {
            Map<String, Object> body = fight(null, "control " + field);
            body.put(field, value);
            Answer refused = callTaker.post("/api/reports", body);
            assertThat(refused.status()).as(field + ": " + refused.text()).isIn(400, 422);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo(field);
            assertThat(refused.str("detail")).contains(field, "control character");
        });
        assertThat(reportCount()).isEqualTo(reports);

        Map<String, Object> layout = fight(null, "第一行\n\t第二行\r\n第三行");
        assertThat(callTaker.post("/api/reports", layout).status()).isEqualTo(201);
    }

    @Test
    @DisplayName("#4.5: an unpaired UTF-16 surrogate in JSON is refused naming the field; a pair is stored intact")
    void loneSurrogatesAreRefusedAndPairsStoredIntact() {
        long reports = reportCount();
        Map<String, String> fields = Map.of(
                "text", "\\ud800 lone surrogate 火灾",
                "address", "双塔区新华路 12 号\\udc00",
                "callerName", "王\\ude00\\ud83d某");

        fields.forEach((field, escaped) -> {
            Map<String, Object> body = fight(null, "surrogate " + field);
            body.put(field, "FIELD");
            String json = JSON.writeValueAsString(body).replace("\"FIELD\"", "\"" + escaped + "\"");
            Answer refused = callTaker.post("/api/reports", json);
            assertThat(refused.status()).as(field + ": " + refused.text()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo(field);
            assertThat(refused.str("detail")).contains(field, "unpaired UTF-16 surrogate");
        });
        assertThat(reportCount()).isEqualTo(reports);
        long incident = gasCase();
        int version = incidentVersion(incident);
        int entries = recordSize(incident);
        Answer note =
                commander.post(order(incident, "note"), "{\"version\":" + version + ",\"text\":\"现场\\udbff已疏散\"}");
        assertThat(note.status()).as(note.text()).isEqualTo(400);
        assertThat(note.json().get("errors").get(0).get("field").asString()).isEqualTo("text");
        assertThat(recordSize(incident)).isEqualTo(entries);
        assertThat(incidentVersion(incident)).isEqualTo(version);

        Map<String, Object> body = fight(null, "PAIR");
        String json = JSON.writeValueAsString(body).replace("PAIR", "有人打架 \\ud83d\\ude00 😀");
        Answer stored = callTaker.post("/api/reports", json);
        assertThat(stored.status()).as(stored.text()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT text FROM report WHERE id = ?")
                        .param(stored.id("reportId"))
                        .query(String.class)
                        .single())
                .as("the escaped pair and the raw emoji, stored alike")
                .endsWith(" 有人打架 😀 😀");
    }

    @Test
    @DisplayName("#4.5: control characters in orders, task steps and notes are refused and nothing is recorded")
    void controlCharactersInOrdersAndStepsAreRefused() {
        long incident = gasCase();
        JsonNode task = taskOf(incident, "POLICE-SHUANGTA");
        int version = incidentVersion(incident);
        int entries = recordSize(incident);

        List<Answer> refused = new ArrayList<>();
        refused.add(commander.post(order(incident, "note"), map("version", version, "text", "现场\u0000已疏散")));
        refused.add(commander.post(
                order(incident, "dispatch"), map("version", version, "agency", "EMS-120", "instructions", "派车\u0001")));
        refused.add(commander.post(order(incident, "close"), map("version", version, "reason", "安全\u0000")));
        refused.add(commander.post(
                order(incident, "severity"), map("version", version, "severity", "II", "reason", "\u0008升级")));
        refused.add(police.post(
                "/api/tasks/" + task.get("id").asLong() + "/report-back",
                map("version", task.get("version").asInt(), "text", "已到场\u0000")));
        refused.add(police.post(
                "/api/tasks/" + task.get("id").asLong() + "/return",
                map("version", task.get("version").asInt(), "reason", "不归我们\u001f管")));

        List<String> fields = List.of("text", "instructions", "reason", "reason", "text", "reason");
        for (int i = 0; i < refused.size(); i++) {
            Answer answer = refused.get(i);
            assertThat(answer.status()).as(answer.text()).isIn(400, 422);
            assertThat(answer.json().get("errors").get(0).get("field").asString())
                    .as(answer.text())
                    .isEqualTo(fields.get(i));
        }
        assertThat(recordSize(incident)).isEqualTo(entries);
        assertThat(incidentVersion(incident)).isEqualTo(version);

        Answer note = commander.post(order(incident, "note"), map("version", version, "text", "一\n\t二\r\n三"));
        assertThat(note.status()).as(note.text()).isEqualTo(200);
    }

    // ---- 6. authentication before CSRF ---------------------------------------------------------

    @Test
    @DisplayName("#4.6: a write by nobody without a CSRF token is 401; a session's write without it stays 403")
    void authenticationComesBeforeCsrf() throws Exception {
        HttpClient nobody = HttpClient.newHttpClient();
        HttpResponse<String> anonymous =
                nobody.send(json("POST", "/api/reports", "{}").build(), HttpResponse.BodyHandlers.ofString());

        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        browser.send(get("/api/me").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymousWithCookie =
                browser.send(json("POST", "/api/reports", "{}").build(), HttpResponse.BodyHandlers.ofString());
        String form = "username=calltaker&password=" + URLEncoder.encode(DEMO_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(
                HttpRequest.newBuilder(uri("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-XSRF-TOKEN", xsrf(cookies))
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> session =
                browser.send(json("POST", "/api/reports", "{}").build(), HttpResponse.BodyHandlers.ofString());
        Answer machine = callTaker.post("/api/reports/classify", map("text", "有人打架"));

        for (HttpResponse<String> refused : List.of(anonymous, anonymousWithCookie)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(refused.body()).contains("urn:liandong:problem:unauthenticated");
            assertThat(refused.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(session.statusCode()).as(session.body()).isEqualTo(403);
        assertThat(session.body()).contains("urn:liandong:problem:csrf", "X-XSRF-TOKEN");
        assertThat(machine.status()).as("HTTP Basic needs no CSRF token").isEqualTo(200);
    }

    // ---- 8. idempotency keys per user ----------------------------------------------------------

    @Test
    @DisplayName("#4.8: two users' equal idempotency keys do not collide; one user's retry gets the first answer")
    void idempotencyKeysBelongToTheirUser() {
        String key = "shared-key-" + PLACE.incrementAndGet();
        Map<String, Object> first = fight("211302", "idempotency first");
        Map<String, Object> second = fight("211303", "idempotency second");

        Answer byCallTaker = callTaker.post("/api/reports", first, Map.of("Idempotency-Key", key));
        Answer byCommander = commander.post("/api/reports", second, Map.of("Idempotency-Key", key));
        Answer retry = callTaker.post("/api/reports", first, Map.of("Idempotency-Key", key));
        Answer reused = callTaker.post("/api/reports", second, Map.of("Idempotency-Key", key));
        Answer commanderRetry = commander.post("/api/reports", second, Map.of("Idempotency-Key", key));

        assertThat(byCallTaker.status()).as(byCallTaker.text()).isEqualTo(201);
        assertThat(byCommander.status()).as(byCommander.text()).isEqualTo(201);
        assertThat(byCommander.id("reportId")).isNotEqualTo(byCallTaker.id("reportId"));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.id("reportId")).isEqualTo(byCallTaker.id("reportId"));
        assertThat(reused.status()).as(reused.text()).isEqualTo(422);
        assertThat(reused.str("type")).isEqualTo("urn:liandong:problem:idempotency-key-reused");
        assertThat(commanderRetry.id("reportId")).isEqualTo(byCommander.id("reportId"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM report WHERE idempotency_key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    // ---- found by the second newcomer test ------------------------------------------------------

    @Test
    @DisplayName("a decimal where a whole number is expected is refused, not cut: mergeInto 1.5, version 2.9")
    void decimalsAreNotCutToWholeNumbers() {
        Answer opened = callTaker.post("/api/reports", fight("211302", "decimal target"));
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        long incident = opened.id("incidentId");
        long reports = reportCount();

        Map<String, Object> merge = new LinkedHashMap<>(fight("211302", "decimal merge"));
        merge.put("mergeInto", incident + 0.5);
        Answer decimalMerge = callTaker.post("/api/reports", merge);
        Answer decimalVersion = commander.post(
                "/api/incidents/" + incident + "/orders/severity",
                map("severity", "II", "version", 0.9, "reason", "测试"));

        assertThat(decimalMerge.status()).as(decimalMerge.text()).isEqualTo(400);
        assertThat(decimalMerge.text()).contains("mergeInto");
        assertThat(decimalVersion.status()).as(decimalVersion.text()).isEqualTo(400);
        assertThat(decimalVersion.text()).contains("version");
        assertThat(reportCount()).isEqualTo(reports);
    }

    @Test // the message used to be "must be a number", which 1.5 and 1e30 are
    @DisplayName(
            "a decimal, an exponent or text for a whole-number field says a whole number is expected, and its range")
    void wholeNumberFieldsSayWhatIsWrong() {
        long incident = gasCase();
        long reports = reportCount();
        String longRange = "must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;

        for (Object sent : List.of(incident + 0.5, 1e30, "1.5", "nine")) {
            Map<String, Object> merge = new LinkedHashMap<>(fight("211302", "merge into " + sent));
            merge.put("mergeInto", sent);
            Answer refused = callTaker.post("/api/reports", merge);

            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.str("type")).isEqualTo("urn:liandong:problem:validation");
            assertThat(refused.str("detail")).isEqualTo("mergeInto: " + longRange);
            JsonNode error = refused.json().get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("mergeInto");
            assertThat(error.get("message").asString()).isEqualTo(longRange);
        }
        Answer decimalVersion =
                commander.post(order(incident, "severity"), map("severity", "II", "version", 2.9, "reason", "测试"));
        assertThat(decimalVersion.status()).as(decimalVersion.text()).isEqualTo(400);
        assertThat(decimalVersion.str("detail"))
                .isEqualTo("version: must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
        Answer decimalParameter = commander.get("/api/tasks?incident=1.5");
        assertThat(decimalParameter.status()).as(decimalParameter.text()).isEqualTo(400);
        // A query parameter's own bounds are checked once it is a number: no range of a Java type.
        assertThat(decimalParameter.str("detail")).isEqualTo("incident: must be a whole number");
        assertThat(reportCount()).isEqualTo(reports);
    }

    @Test
    @DisplayName("a decimal query parameter is decimal digits: no hexadecimal, type suffix, NaN or Infinity")
    void decimalQueryParametersArePlainDecimals() {
        for (String lat : List.of("0x1p5", "41.57d", "41.57f", "NaN", "Infinity", "-Infinity", "4l", "abc")) {
            Answer refused = commander.get("/api/incidents/nearby?lat=" + lat + "&lon=120.45");
            assertThat(refused.status()).as(lat + ": " + refused.text()).isEqualTo(400);
            assertThat(refused.json().get("errors"))
                    .as(lat + ": " + refused.text())
                    .hasSize(1);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("lat");
        }
        assertThat(commander.get("/api/incidents/nearby?lat=0x1p5&lon=120.45").str("detail"))
                .isEqualTo("lat: must be a number");
        for (String lat : List.of("41.57", "%2B41.57", "41", "41.", ".5e1", "4.157E1")) {
            Answer kept = commander.get("/api/incidents/nearby?lat=" + lat + "&lon=120.45");
            assertThat(kept.status()).as(lat + ": " + kept.text()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("a query parameter given twice is 400, not silently its first value")
    void aRepeatedQueryParameterIsRefused() {
        Answer twice = commander.get(
                "/api/incidents?from=2017-01-01T00:00:00Z&to=2017-01-02T00:00:00Z" + "&to=2017-01-03T00:00:00Z");
        assertThat(twice.status()).as(twice.text()).isEqualTo(400);
        assertThat(twice.str("type")).isEqualTo("urn:liandong:problem:malformed-request");
        assertThat(twice.str("detail"))
                .isEqualTo("the query parameter 'to' is given more than once; give each parameter once");
        Answer once = commander.get("/api/incidents?from=2017-01-01T00:00:00Z&to=2017-01-03T00:00:00Z");
        assertThat(once.status()).as(once.text()).isEqualTo(200);
    }

    @Test
    @DisplayName("a chunked body over 4 MB answers 413 like a declared one, as UTF-8 problem details")
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        long reports = reportCount();
        byte[] big = ("{\"channel\":\"110\",\"address\":\"x\",\"text\":\"" + "大".repeat(2_200_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri("/api/reports"))
                                .header("Authorization", basic("calltaker", DEMO_PASSWORD))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new java.io.ByteArrayInputStream(big)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> declared =
                send("POST", "/api/reports", "application/json", new String(big, StandardCharsets.UTF_8));

        for (HttpResponse<String> answer : List.of(chunked, declared)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json")
                    .doesNotContainIgnoringCase("ISO-8859-1");
            assertThat(JSON.readTree(answer.body()).get("type").asString()).isEqualTo("urn:liandong:problem:too-large");
        }
        assertThat(reportCount()).isEqualTo(reports);
    }

    @Test
    @DisplayName("a JSON object naming a field twice is refused, not read as its last value")
    void duplicateKeysAreRefused() {
        long reports = reportCount();
        HttpResponse<String> answer = send(
                "POST",
                "/api/reports",
                "application/json",
                "{\"channel\":\"110\",\"address\":\"双塔区\",\"text\":\"有人打架\",\"text\":\"别的\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(reportCount()).isEqualTo(reports);
    }

    @Test
    @DisplayName("an Idempotency-Key beyond printable ASCII is refused with a reason, not stored garbled")
    void idempotencyKeysArePrintableAscii() {
        long reports = reportCount();
        Answer spaced = callTaker.post("/api/reports", fight("211302", "spaced key"), Map.of("Idempotency-Key", "a b"));
        assertThat(spaced.status()).as(spaced.text()).isEqualTo(400);
        assertThat(spaced.text()).contains("Idempotency-Key").contains("ASCII");
        assertThat(reportCount()).isEqualTo(reports);
    }

    // ---- found by the third newcomer test -------------------------------------------------------

    @Test
    @DisplayName("DEL and C1 control characters are refused like C0, naming the field; nothing is stored")
    void delAndC1ControlCharactersAreRefused() {
        long incident = gasCase();
        int version = incidentVersion(incident);
        int entries = recordSize(incident);
        long reports = reportCount();
        Map<String, String> fields = Map.of(
                "text", "有人\u007f打架",
                "address", "双塔区新华路\u0085 12 号",
                "callerName", "王\u009b某",
                "externalRef", "ref-\u0080");

        fields.forEach((field, value) -> {
            Map<String, Object> body = fight(null, "c1 " + field);
            body.put(field, value);
            Answer refused = callTaker.post("/api/reports", body);
            assertThat(refused.status()).as(field + ": " + refused.text()).isEqualTo(400);
            assertThat(refused.str("type")).isEqualTo("urn:liandong:problem:validation");
            JsonNode error = refused.json().get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo(field);
            assertThat(error.get("rejectedValue").asString()).containsPattern("\\\\u00[89][0-9A-F]|\\\\u007F");
            assertThat(refused.str("detail")).contains(field, "control character", "U+007F to U+009F");
        });
        Answer note = commander.post(order(incident, "note"), map("version", version, "text", "现场已疏散\u009f"));

        assertThat(note.status()).as(note.text()).isEqualTo(400);
        assertThat(note.json().get("errors").get(0).get("field").asString()).isEqualTo("text");
        assertThat(reportCount()).isEqualTo(reports);
        assertThat(recordSize(incident)).isEqualTo(entries);
    }

    @Test
    @DisplayName("Chinese text, emoji, no-break spaces and accents still pass the control character check")
    void ordinaryUnicodeStillPasses() {
        String text = "有人在小区里打架 🚒🔥👮‍♀️ café ½ 第一行\u00a0続き\n\t第二行";

        Answer accepted = callTaker.post("/api/reports", map("channel", "110", "address", "双塔区新华路 8 号", "text", text));

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT text FROM report WHERE id = ?")
                        .param(accepted.id("reportId"))
                        .query(String.class)
                        .single())
                .isEqualTo(text);
    }

    @Test
    @DisplayName("a made-up township inside a real county is refused naming districtCode; listed ones pass")
    void madeUpTownshipsAreRefused() {
        long reports = reportCount();
        for (String madeUp : List.of("211302999", "211321000")) {
            Answer refused = callTaker.post("/api/reports", fight(madeUp, "township " + madeUp));
            assertThat(refused.status()).as(madeUp + ": " + refused.text()).isEqualTo(422);
            assertThat(refused.str("type")).isEqualTo("urn:liandong:problem:unknown-district");
            assertThat(refused.str("detail")).contains(madeUp, "township", madeUp.substring(0, 6));
            JsonNode error = refused.json().get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("districtCode");
            assertThat(error.get("rejectedValue").asString()).isEqualTo(madeUp);
        }
        assertThat(reportCount()).isEqualTo(reports);

        // 双塔街道, 边杖子镇, 国营官大海农场 (a state farm), 大王杖子乡
        for (String listed : List.of("211302001", "211303107", "211324400", "211382204")) {
            Answer accepted = callTaker.post("/api/reports", fight(listed, "township " + listed));
            assertThat(accepted.status()).as(listed + ": " + accepted.text()).isEqualTo(201);
        }
    }

    @Test
    @DisplayName("a number too large for its field is refused naming the field, not as a malformed body")
    void numbersThatOverflowNameTheirField() {
        long incident = gasCase();
        int version = incidentVersion(incident);
        long reports = reportCount();
        Map<String, Object> merge = fight("211302", "overflowing merge");
        merge.put("mergeInto", new java.math.BigInteger("12345678901234567890"));

        Answer overflowingMerge = callTaker.post("/api/reports", merge);
        Answer overflowingVersion = commander.post(
                order(incident, "severity"),
                map("severity", "II", "version", new java.math.BigInteger("99999999999"), "reason", "测试"));

        assertThat(overflowingMerge.status()).as(overflowingMerge.text()).isEqualTo(400);
        assertThat(overflowingMerge.str("type")).isEqualTo("urn:liandong:problem:validation");
        assertThat(overflowingMerge.str("detail")).startsWith("mergeInto: must be a whole number");
        JsonNode error = overflowingMerge.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("mergeInto");
        assertThat(error.get("rejectedValue").asString()).isEqualTo("12345678901234567890");
        assertThat(overflowingVersion.status()).as(overflowingVersion.text()).isEqualTo(400);
        assertThat(overflowingVersion.json().get("errors").get(0).get("field").asString())
                .isEqualTo("version");
        assertThat(overflowingVersion.str("detail")).contains("2147483647");
        assertThat(reportCount()).isEqualTo(reports);
        assertThat(incidentVersion(incident)).isEqualTo(version);
    }

    @Test
    @DisplayName("a value of the wrong JSON type names its field: an object for mergeInto, a number for text")
    void wrongJsonTypesNameTheirField() {
        long reports = reportCount();
        Map<String, Object> objectMerge = fight("211302", "object merge");
        objectMerge.put("mergeInto", map("id", 1));
        Map<String, Object> numberText = fight("211302", "number text");
        numberText.put("text", List.of(1, 2));

        for (var body : Map.of("mergeInto", objectMerge, "text", numberText).entrySet()) {
            Answer refused = callTaker.post("/api/reports", body.getValue());
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo(body.getKey());
        }
        assertThat(reportCount()).isEqualTo(reports);
    }

    // ---- 9. agencies' own notifications --------------------------------------------------------

    @Test
    @DisplayName("#4.9: an agency lists and reads its own notifications, never another agency's")
    void anAgencyListsItsOwnNotificationsOnly() {
        long incident = gasCase();
        JsonNode gasTask = taskOf(incident, "GAS-CO");
        clock.set(Instant.parse(gasTask.get("acknowledgeDue").asString()).plusSeconds(1));
        // the watch works off other tests' overdue tasks too, oldest first: run it until it is idle
        for (int pass = 0; overdueWatch.scan() > 0; pass++) {
            assertThat(pass).as("the overdue watch must run out of work").isLessThan(1000);
        }

        Answer own = gas.get("/api/notifications?limit=500");
        Answer other = police.get("/api/notifications?recipient=GAS-CO");
        Answer policeOwn = police.get("/api/notifications?limit=500");

        assertThat(own.status()).as(own.text()).isEqualTo(200);
        assertThat(own.json())
                .allSatisfy(n -> assertThat(n.get("recipient").asString()).isEqualTo("GAS-CO"));
        JsonNode reminder = null;
        for (JsonNode n : own.json()) {
            if (n.get("taskId") != null
                    && n.get("taskId").asLong() == gasTask.get("id").asLong()) {
                reminder = n;
            }
        }
        assertThat(reminder)
                .as("the overdue scan reminded GAS-CO: " + own.text())
                .isNotNull();
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.str("type")).isEqualTo("urn:liandong:problem:forbidden");
        assertThat(policeOwn.json())
                .allSatisfy(n -> assertThat(n.get("recipient").asString()).isEqualTo("POLICE-SHUANGTA"));

        long id = reminder.get("id").asLong();
        Answer readByPolice = police.post("/api/notifications/" + id + "/read", null);
        assertThat(readByPolice.status()).as(readByPolice.text()).isEqualTo(404);
        Answer readByGas = gas.post("/api/notifications/" + id + "/read", null);
        assertThat(readByGas.status()).as(readByGas.text()).isEqualTo(200);
        assertThat(readByGas.str("readBy")).isEqualTo("gas");
    }

    @Test
    @DisplayName(
            "a dated close cannot come before what the incident's record holds (nothing written); a dated dispatch can")
    void aDatedCloseCannotComeBeforeTheRecord() {
        long incident = gasCase();
        Instant opened = Instant.parse(commander
                .get("/api/incidents/" + incident)
                .json()
                .get("incident")
                .get("openedAt")
                .asString());
        clock.advance(Duration.ofSeconds(3));
        JsonNode gasTask = taskOf(incident, "GAS-CO");
        Answer acknowledged = gas.post(
                "/api/tasks/" + gasTask.get("id").asLong() + "/acknowledge",
                map("version", gasTask.get("version").asInt()));
        assertThat(acknowledged.status()).as(acknowledged.text()).isEqualTo(200);
        int version = incidentVersion(incident);
        int entries = recordSize(incident);
        String beforeTheAcknowledgement = opened.plusSeconds(1).toString();

        Answer close = commander.post(
                order(incident, "close"), map("version", version, "reason", "已处置", "at", beforeTheAcknowledgement));

        assertThat(close.status()).as(close.text()).isEqualTo(400);
        assertThat(close.json().get("errors").get(0).get("field").asString()).isEqualTo("at");
        assertThat(close.text()).contains("incident " + incident + " cannot be closed at a time before");
        assertThat(incidentVersion(incident)).isEqualTo(version);
        assertThat(recordSize(incident)).isEqualTo(entries);
        assertThat(taskOf(incident, "GAS-CO").get("status").asString()).isEqualTo("ACKNOWLEDGED");

        // An order given by radio and entered late adds a task: it contradicts nothing.
        Answer dispatch = commander.post(
                order(incident, "dispatch"),
                map("version", version, "agency", "WATER-CO", "instructions", "关阀", "at", beforeTheAcknowledgement));
        assertThat(dispatch.status()).as(dispatch.text()).isEqualTo(200);

        Answer closed = commander.post(
                order(incident, "close"),
                map("version", version, "reason", "已处置", "at", clock.instant().toString()));
        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        assertThat(taskOf(incident, "GAS-CO").get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    @DisplayName("activating the plan already in force with every agency tasked writes nothing and answers no task")
    void activatingThePlanInForceAgainWritesNothing() {
        long incident = gasCase();
        int version = incidentVersion(incident);
        int entries = recordSize(incident);

        for (Map<String, Object> body :
                List.of(map("version", version, "plan", "PLAN-GAS-SUICIDE"), map("version", version))) {
            Answer again = commander.post(order(incident, "activate-plan"), body);
            assertThat(again.status()).as(again.text()).isEqualTo(200);
            assertThat(again.json()).isEmpty();
        }

        assertThat(incidentVersion(incident)).isEqualTo(version);
        assertThat(recordSize(incident)).isEqualTo(entries);
        Answer severity =
                commander.post(order(incident, "severity"), map("version", version, "severity", "I", "reason", "升级"));
        assertThat(severity.status()).as(severity.text()).isEqualTo(200);
    }

    @Test
    @DisplayName("closing an incident while its agencies move their tasks cancels what is still active, never a 409")
    void closingWhileTasksMoveCancelsWhatIsStillActive() throws Exception {
        long incident = gasCase();
        long gasTask = taskOf(incident, "GAS-CO").get("id").asLong();
        long policeTask = taskOf(incident, "POLICE-SHUANGTA").get("id").asLong();
        int version = incidentVersion(incident);

        Answer closed;
        try (Connection agencies = dataSource.getConnection()) {
            // The agencies' steps, held uncommitted: the gas company reports back (the task stays
            // active, at a new version), the police complete theirs.
            agencies.setAutoCommit(false);
            try (PreparedStatement reportBack =
                            agencies.prepareStatement("UPDATE task SET version = version + 1 WHERE id = ?");
                    PreparedStatement complete = agencies.prepareStatement(
                            "UPDATE task SET status = 'COMPLETED', completed_at = ?, version = version + 1"
                                    + " WHERE id = ?")) {
                reportBack.setLong(1, gasTask);
                reportBack.executeUpdate();
                complete.setTimestamp(1, Timestamp.from(clock.instant()));
                complete.setLong(2, policeTask);
                complete.executeUpdate();
            }
            ExecutorService commanderThread = Executors.newSingleThreadExecutor();
            try {
                Future<Answer> close = commanderThread.submit(
                        () -> commander.post(order(incident, "close"), map("version", version, "reason", "已处置")));
                // The close has read the tasks and waits for one of the rows the agencies hold.
                waitForABlockedStatement();
                agencies.commit();
                closed = close.get(60, TimeUnit.SECONDS);
            } finally {
                commanderThread.shutdownNow();
            }
        }

        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        assertThat(taskOf(incident, "GAS-CO").get("status").asString()).isEqualTo("CANCELLED");
        assertThat(taskOf(incident, "POLICE-SHUANGTA").get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    @DisplayName("a step on a task the close cancelled, or on a completed one, is 422 whatever version it carries; an"
            + " open task's stale version stays 409")
    void aStepOnAFinalTaskIs422NotAStaleVersion() {
        long incident = gasCase();
        long gasTask = taskOf(incident, "GAS-CO").get("id").asLong();
        long policeTask = taskOf(incident, "POLICE-SHUANGTA").get("id").asLong();
        Answer acknowledged = gas.post("/api/tasks/" + gasTask + "/acknowledge", map("version", 0));
        assertThat(acknowledged.status()).as(acknowledged.text()).isEqualTo(200);
        int seen = acknowledged.json().get("version").asInt();

        Answer staleButOpen = gas.post("/api/tasks/" + gasTask + "/arrive", map("version", seen - 1));
        assertThat(staleButOpen.status()).as(staleButOpen.text()).isEqualTo(409);

        Answer policeAcknowledged = police.post("/api/tasks/" + policeTask + "/acknowledge", map("version", 0));
        int policeSeen = policeAcknowledged.json().get("version").asInt();
        Answer completed = police.post("/api/tasks/" + policeTask + "/complete", map("version", policeSeen));
        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
        Answer afterCompletion = police.post("/api/tasks/" + policeTask + "/arrive", map("version", policeSeen));
        assertThat(afterCompletion.status()).as(afterCompletion.text()).isEqualTo(422);
        assertThat(afterCompletion.json().get("type").asString()).isEqualTo("urn:liandong:problem:task-step-refused");
        assertThat(afterCompletion.json().get("detail").asString())
                .startsWith("task " + policeTask + " is already COMPLETED; no step can follow");

        Answer closed =
                commander.post(order(incident, "close"), map("version", incidentVersion(incident), "reason", "已处置"));
        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        int entries = recordSize(incident);
        int current = taskOf(incident, "GAS-CO").get("version").asInt();

        // The agency still holds the version it saw before the close: retrying with the fresh one cannot help.
        Answer stale = gas.post("/api/tasks/" + gasTask + "/arrive", map("version", seen));
        assertThat(stale.status()).as(stale.text()).isEqualTo(422);
        assertThat(stale.json().get("type").asString()).isEqualTo("urn:liandong:problem:task-step-refused");
        assertThat(stale.json().get("detail").asString())
                .isEqualTo("task " + gasTask + " is already CANCELLED: its incident " + incident
                        + " was closed; no step can follow (you saw version " + seen + ", it is now at version "
                        + current + ")");
        Answer fresh = gas.post("/api/tasks/" + gasTask + "/arrive", map("version", current));
        assertThat(fresh.status()).as(fresh.text()).isEqualTo(422);
        assertThat(fresh.json().get("type").asString()).isEqualTo("urn:liandong:problem:task-step-refused");
        assertThat(fresh.json().get("detail").asString())
                .isEqualTo("task " + gasTask + " is already CANCELLED: its incident " + incident
                        + " was closed; no step can follow");
        assertThat(recordSize(incident)).isEqualTo(entries);
        assertThat(taskOf(incident, "GAS-CO").get("version").asInt()).isEqualTo(current);
    }

    @Test
    @DisplayName("an agency's step that waits for the task row a close is cancelling gets 422 (cancelled, incident"
            + " closed), not 409")
    void aStepLosingTheRaceToACloseIs422() throws Exception {
        long incident = gasCase();
        long gasTask = taskOf(incident, "GAS-CO").get("id").asLong();
        int seen = taskOf(incident, "GAS-CO").get("version").asInt();

        Answer step;
        try (Connection close = dataSource.getConnection()) {
            // What the close writes on the task, held uncommitted: the agency reads the task at the
            // version it sent, then waits for the row.
            close.setAutoCommit(false);
            try (PreparedStatement cancel = close.prepareStatement("UPDATE task SET status = 'CANCELLED',"
                    + " return_reason = 'incident closed: 已处置', version = version + 1 WHERE id = ?")) {
                cancel.setLong(1, gasTask);
                cancel.executeUpdate();
            }
            ExecutorService agencyThread = Executors.newSingleThreadExecutor();
            try {
                Future<Answer> acknowledge = agencyThread.submit(
                        () -> gas.post("/api/tasks/" + gasTask + "/acknowledge", map("version", seen)));
                waitForABlockedStatement();
                close.commit();
                step = acknowledge.get(60, TimeUnit.SECONDS);
            } finally {
                agencyThread.shutdownNow();
            }
        }

        assertThat(step.status()).as(step.text()).isEqualTo(422);
        assertThat(step.json().get("type").asString()).isEqualTo("urn:liandong:problem:task-step-refused");
        assertThat(step.json().get("detail").asString())
                .startsWith("task " + gasTask + " is already CANCELLED: its incident " + incident + " was closed");
        assertThat(taskOf(incident, "GAS-CO").get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    @DisplayName("Flyway runs the H2 identity repair after its migrations (it does nothing on PostgreSQL)")
    void flywayRunsTheIdentityRepair() {
        assertThat(flyway.getConfiguration().getCallbacks())
                .extracting(Callback::getCallbackName)
                .contains("h2-identity-repair");
    }

    @Test
    @DisplayName(
            "report and incident lists refuse an unknown channel and from after to; any case of a channel finds it")
    void listFiltersAreCheckedLikeTheOthers() {
        Answer filed = callTaker.post(
                "/api/reports",
                map(
                        "channel",
                        "web",
                        "address",
                        "双塔区渠道路 " + PLACE.incrementAndGet() + " 号",
                        "text",
                        "楼下噪音扰民",
                        "category",
                        "SVC-NOISE"));
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);

        Answer channel = commander.get("/api/reports?channel=999");
        assertThat(channel.status()).as(channel.text()).isEqualTo(400);
        assertThat(channel.json().get("errors").get(0).get("field").asString()).isEqualTo("channel");
        for (String path : List.of("/api/reports", "/api/incidents")) {
            Answer backwards = commander.get(path + "?from=2026-12-05T10:00:00Z&to=2026-12-05T09:00:00Z");
            assertThat(backwards.status()).as(path + " " + backwards.text()).isEqualTo(400);
            assertThat(backwards.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("from");
        }
        Answer web = commander.get("/api/reports?channel=Web&limit=2000");
        assertThat(web.status()).as(web.text()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        web.json().forEach(r -> ids.add(r.get("id").asLong()));
        assertThat(ids).contains(filed.id("reportId"));
    }

    @Test
    @DisplayName("the audit list refuses an unknown action with 400 listing the known ones; blank is no filter")
    void theAuditListRefusesAnUnknownAction() {
        Answer unknown = admin.get("/api/audit?action=LOGIN_SUCEEDED");
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(400);
        assertThat(unknown.json().get("type").asString()).isEqualTo("urn:liandong:problem:validation");
        JsonNode error = unknown.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("action");
        assertThat(error.get("rejectedValue").asString()).isEqualTo("LOGIN_SUCEEDED");
        assertThat(error.get("message").asString())
                .startsWith("no such audit action 'LOGIN_SUCEEDED'; the actions are LOGIN_SUCCEEDED, LOGIN_FAILED,")
                .contains("AGENCY_CREATED", "CATEGORY_UPDATED", "PLANS_IMPORTED");

        Answer created = admin.get("/api/audit?action=USER_CREATED&limit=1000");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        created.json().forEach(e -> actions.add(e.get("action").asString()));
        assertThat(actions).isNotEmpty().containsOnly("USER_CREATED");
        Answer anyCase = admin.get("/api/audit?action=%20user_created%20&limit=1000");
        assertThat(anyCase.status()).as(anyCase.text()).isEqualTo(200);
        assertThat(anyCase.json().size()).isEqualTo(created.json().size());

        Answer none = admin.get("/api/audit?limit=5");
        Answer blank = admin.get("/api/audit?action=%20%20&limit=5");
        assertThat(blank.status()).as(blank.text()).isEqualTo(200);
        assertThat(blank.json()).isEqualTo(none.json());
        Answer noRowsYet = admin.get("/api/audit?action=TOKEN_REVOKED");
        assertThat(noRowsYet.status()).as(noRowsYet.text()).isEqualTo(200);

        assertThat(commander.get("/api/audit?action=NOPE").status()).isEqualTo(403);
    }

    @Test
    @DisplayName("the notification list refuses an unknown recipient with 400 listing the known ones; any case")
    void notificationsOfAnUnknownRecipientAreRefused() {
        gasCase(); // a serious case: the duty leader is told
        Answer unknown = commander.get("/api/notifications?recipient=NOPE");
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("recipient");
        assertThat(unknown.json().get("errors").get(0).get("rejectedValue").asString())
                .isEqualTo("NOPE");
        assertThat(unknown.str("detail")).contains("LEADER", "COMMANDER", "GAS-CO", "POLICE-SHUANGTA");
        assertThat(police.get("/api/notifications?recipient=NOPE").status()).isEqualTo(400);

        Answer upper = commander.get("/api/notifications?recipient=LEADER&limit=500");
        Answer lower = commander.get("/api/notifications?recipient=%20leader%20&limit=500");
        assertThat(upper.status()).as(upper.text()).isEqualTo(200);
        assertThat(upper.json())
                .as("the gas case told the leader, or this test proves nothing")
                .isNotEmpty();
        assertThat(lower.status()).as(lower.text()).isEqualTo(200);
        assertThat(lower.json()).isEqualTo(upper.json());

        Answer blank = commander.get("/api/notifications?recipient=%20&limit=500");
        Answer commanders = commander.get("/api/notifications?recipient=COMMANDER&limit=500");
        assertThat(blank.status()).as("blank is no filter: " + blank.text()).isEqualTo(200);
        assertThat(blank.json()).isEqualTo(commanders.json());

        Answer ownLower = police.get("/api/notifications?recipient=police-shuangta");
        Answer otherLower = police.get("/api/notifications?recipient=gas-co");
        assertThat(ownLower.status()).as(ownLower.text()).isEqualTo(200);
        assertThat(otherLower.status()).as(otherLower.text()).isEqualTo(403);
    }

    @Test
    @DisplayName("an unreadable time or a bare NaN in a report names its field")
    void unreadableTimesAndNaNNameTheirField() {
        long reports = reportCount();
        String place = "\"address\": \"双塔区新华路 " + PLACE.incrementAndGet() + " 号\", \"text\": \"有人打架\"";
        Map<String, String> bodies = Map.of(
                "receivedAt",
                "{\"channel\": \"110\", " + place + ", \"receivedAt\": \"yesterday\"}",
                "lat",
                "{\"channel\": \"110\", " + place + ", \"lat\": NaN, \"lon\": 120.45}",
                "reports[1].report.lat",
                "{\"reports\": [{\"report\": {\"channel\": \"110\", " + place + "}}, {\"report\": {\"channel\":"
                        + " \"110\", " + place + ", \"lat\": Infinity, \"lon\": 120.45}}]}");
        for (var body : bodies.entrySet()) {
            String path = body.getKey().startsWith("reports[") ? "/api/reports/batch" : "/api/reports";
            Answer refused = callTaker.post(path, body.getValue());
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .as(refused.text())
                    .isEqualTo(body.getKey());
        }
        assertThat(reportCount()).isEqualTo(reports);
    }

    @Test
    @DisplayName("a query parameter that is not a whole number says so, without the range of a Java type")
    void aLimitThatIsNotANumberSaysSo() {
        Answer refused = commander.get("/api/incidents?limit=abc");
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
        assertThat(refused.json().get("errors").get(0).get("message").asString())
                .isEqualTo("must be a whole number");
        Answer tooMany = commander.get("/api/incidents?limit=2001");
        assertThat(tooMany.status()).as(tooMany.text()).isEqualTo(400);
        assertThat(tooMany.text()).contains("2000");
    }

    @Test
    @DisplayName("a bare number where a time is expected is refused (400 naming it), not read as a 1970 epoch")
    void aNumberIsNotATime() {
        Api analyst = Api.as(port, "analyst", DEMO_PASSWORD);
        Map<String, Answer> queries = new LinkedHashMap<>();
        queries.put("from", analyst.get("/api/stats/summary?from=1483228800&to=2026-12-05T08:00:00Z"));
        queries.put("to", analyst.get("/api/stats/summary?from=2026-12-04T08:00:00Z&to=1483315200"));
        queries.put("since", commander.get("/api/incidents/counts?since=1483228800"));
        queries.put("from ", commander.get("/api/reports?from=1483228800"));
        queries.put("to ", commander.get("/api/incidents?to=-1"));
        queries.put(" from", admin.get("/api/audit?from=1483228800000"));
        queries.put(" to", commander.get("/api/reports?to=Tue,%203%20Jun%202008%2011:05:30%20GMT"));
        queries.forEach((parameter, refused) -> {
            assertThat(refused.status()).as(parameter + ": " + refused.text()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo(parameter.strip());
            assertThat(refused.str("detail")).contains("ISO-8601 instant", "2026-12-05T08:00:00Z", "+08:00");
        });
        Answer utc = analyst.get("/api/stats/summary?from=2026-12-04T08:00:00Z&to=2026-12-05T08:00:00Z");
        Answer offset = analyst.get("/api/stats/summary?from=2026-12-04T16:00:00%2B08:00&to=2026-12-05T08:00:00Z");
        assertThat(utc.status()).as(utc.text()).isEqualTo(200);
        assertThat(offset.status()).as(offset.text()).isEqualTo(200);
        assertThat(offset.str("from")).isEqualTo("2026-12-04T08:00:00Z");

        long reports = reportCount();
        String place = "\"address\": \"双塔区新华路 " + PLACE.incrementAndGet() + " 号\", \"text\": \"有人打架\"";
        for (String time : List.of("1483228800", "1483228800.5", "\"1483228800\"", "-1")) {
            Answer refused = callTaker.post(
                    "/api/reports", "{\"channel\": \"110\", " + place + ", \"receivedAt\": " + time + "}");
            assertThat(refused.status()).as(time + ": " + refused.text()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("receivedAt");
            assertThat(refused.str("detail")).contains("ISO-8601 instant");
        }
        assertThat(reportCount()).isEqualTo(reports);
        long incident = gasCase();
        int version = incidentVersion(incident);
        int entries = recordSize(incident);
        Answer dispatch = commander.post(
                order(incident, "dispatch"),
                "{\"version\": " + version
                        + ", \"agency\": \"EMS-120\", \"instructions\": \"派车\", \"at\": 1483228800}");
        assertThat(dispatch.status()).as(dispatch.text()).isEqualTo(400);
        assertThat(dispatch.json().get("errors").get(0).get("field").asString()).isEqualTo("at");
        assertThat(recordSize(incident)).isEqualTo(entries);
        assertThat(incidentVersion(incident)).isEqualTo(version);
        Answer stored = callTaker.post(
                "/api/reports",
                "{\"channel\": \"110\", " + place + ", \"receivedAt\": \""
                        + clock.instant().atOffset(java.time.ZoneOffset.ofHours(8)) + "\"}");
        assertThat(stored.status()).as(stored.text()).isEqualTo(201);
    }

    @Test
    @DisplayName("a request the servlet container refuses (TRACE) gets a problem whose instance is its own path")
    void aRefusedMethodsProblemNamesItsOwnPath() throws IOException {
        Raw trace = raw("TRACE /api/incidents HTTP/1.1\r\nAuthorization: " + basic("admin", ADMIN_PASSWORD) + "\r\n");

        assertThat(trace.status()).as(trace.toString()).isEqualTo(405);
        assertThat(trace.header("content-type")).startsWith("application/problem+json");
        assertThat(JSON.readTree(trace.body()).get("instance").asString()).isEqualTo("/api/incidents");
    }

    @Test
    @DisplayName("a dispatch to an agency another node deactivated is refused before this node's copy catches up")
    void aDispatchReadsTheAgencyFromTheDatabase() {
        long incident = gasCase();
        int version = incidentVersion(incident);
        int entries = recordSize(incident);
        // As another node's deactivation: in the database, not yet in this node's copy.
        jdbc.sql("UPDATE agency SET active = FALSE WHERE code = 'WATER-CO'").update();
        try {
            Answer refused = commander.post(
                    order(incident, "dispatch"), map("version", version, "agency", "WATER-CO", "instructions", "关阀"));
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("agency");
            assertThat(recordSize(incident)).isEqualTo(entries);
        } finally {
            jdbc.sql("UPDATE agency SET active = TRUE WHERE code = 'WATER-CO'").update();
        }
        Answer dispatched = commander.post(
                order(incident, "dispatch"), map("version", version, "agency", "WATER-CO", "instructions", "关阀"));
        assertThat(dispatched.status()).as(dispatched.text()).isEqualTo(200);
    }

    /** Waits until some statement of this database waits for a lock another transaction holds. */
    private void waitForABlockedStatement() throws Exception {
        String blocked;
        try (Connection connection = dataSource.getConnection()) {
            blocked = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")
                    ? "SELECT COUNT(*) FROM pg_locks WHERE NOT granted"
                    : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
        }
        for (int i = 0; i < 600; i++) {
            if (jdbc.sql(blocked).query(Long.class).single() > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no statement waited for the agencies' rows within 30 s");
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** A fight report at a fresh place, with a district code (or none) and a text that names it. */
    @Test
    @DisplayName("a report text longer than a task's instructions is kept whole; its task gets the text cut with …")
    void aLongReportTextIsKeptAndItsTaskInstructionsAreCut() {
        String text = "楼下广场舞噪音扰民" + "z".repeat(2500) + "😀末尾";
        Answer filed = callTaker.post(
                "/api/reports",
                map(
                        "channel",
                        "12345",
                        "address",
                        "双塔区长文本路 " + PLACE.incrementAndGet() + " 号",
                        "text",
                        text,
                        "category",
                        "SVC-NOISE"));
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        long task = filed.json().get("taskIds").get(0).asLong();

        String instructions = jdbc.sql("SELECT instructions FROM task WHERE id = ?")
                .param(task)
                .query(String.class)
                .single();
        String stored = jdbc.sql("SELECT text FROM report WHERE id = ?")
                .param(filed.id("reportId"))
                .query(String.class)
                .single();
        assertThat(instructions).hasSize(2000).startsWith("楼下广场舞噪音扰民zzz").endsWith("z…");
        assertThat(stored).isEqualTo(text);
    }

    private static Map<String, Object> fight(String district, String text) {
        int n = PLACE.incrementAndGet();
        return map(
                "channel",
                "110",
                "address",
                "双塔区新华路 " + n + " 号",
                "districtCode",
                district,
                "text",
                "有人在小区里打架 " + text);
    }

    private long gasCase() {
        int n = PLACE.incrementAndGet();
        Answer intake = callTaker.post(
                "/api/reports",
                map(
                        "channel", "110",
                        "address", "双塔区新华路 " + n + " 号",
                        "lat", 41.20 + (n % 40) * 0.02,
                        "lon", 119.60 + (n / 40) * 0.03,
                        "districtCode", "211302",
                        "text", "邻居说楼上住户在家打开燃气阀门要轻生，闻到很浓的煤气味",
                        "category", "SOC-SUICIDE-GAS"));
        assertThat(intake.status()).as(intake.text()).isEqualTo(201);
        return intake.id("incidentId");
    }

    private JsonNode taskOf(long incident, String agency) {
        for (JsonNode task : commander.get("/api/incidents/" + incident).json().get("tasks")) {
            if (task.get("agency").asString().equals(agency)) {
                return task;
            }
        }
        throw new AssertionError("no task for " + agency + " on incident " + incident);
    }

    private int incidentVersion(long incident) {
        return commander
                .get("/api/incidents/" + incident)
                .json()
                .get("incident")
                .get("version")
                .asInt();
    }

    private int recordSize(long incident) {
        return commander.get("/api/incidents/" + incident + "/record").json().size();
    }

    private static String order(long incident, String name) {
        return "/api/incidents/" + incident + "/orders/" + name;
    }

    private long reportCount() {
        return jdbc.sql("SELECT COUNT(*) FROM report").query(Long.class).single();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json")
                .GET();
    }

    private HttpRequest.Builder json(String method, String path, String body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(uri(path))
                                    .header("Authorization", basic("admin", ADMIN_PASSWORD))
                                    .header("Content-Type", contentType)
                                    .method(method, HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    private static String xsrf(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An answer read off the socket: the status, the headers (lower-case names) and the body. */
    record Raw(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name);
        }

        @Override
        public String toString() {
            return status + " " + headers.get("content-type") + " " + body.substring(0, Math.min(body.length(), 300));
        }
    }

    /**
     * Sends a request as bytes, request line and headers as given, so that it can hold what an HTTP
     * client library would refuse to send (a backslash, bad percent-encoding).
     */
    private Raw raw(String requestLineAndHeaders) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLineAndHeaders + "Host: 127.0.0.1\r\nAccept: text/html\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // The server may close the connection without reading the rest of a refused request.
        }
        return bytes.toByteArray();
    }

    private static Raw parse(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("an HTTP answer: " + text).isPositive();
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Raw(status, headers, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                break;
            }
            byte[] rest = chunked.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
            String chunk = new String(rest, 0, size, StandardCharsets.UTF_8);
            body.append(chunk);
            at = lineEnd + 2 + chunk.length() + 2;
        }
        return body.toString();
    }
}
