package io.liandong.console;

import static io.liandong.testing.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.testing.Api;
import io.liandong.testing.Api.Answer;
import io.liandong.testing.Databases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The console's server side over HTTP: live stream, replay on reconnect, map settings, page routes. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=" + ConsoleIntegrationTests.ADMIN_PASSWORD,
            "liandong.security.demo-password=" + ConsoleIntegrationTests.DEMO_PASSWORD,
            "liandong.security.demo-accounts=true",
            "liandong.home=target/test-home-console",
            "liandong.map.tile-coord-system=GCJ02",
            "liandong.console.stream.heartbeat=PT1S",
        })
class ConsoleIntegrationTests {

    static final String ADMIN_PASSWORD = "admin-Secret-123";
    static final String DEMO_PASSWORD = "demo-Secret-123";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    private Answer fileGasCase(double lat, double lon) {
        return Api.as(port, "calltaker", DEMO_PASSWORD)
                .post(
                        "/api/reports",
                        map(
                                "channel", "110",
                                "callerNumber", "13812345678",
                                "address", "双塔区新华路 12 号 3 单元 502",
                                "lat", lat,
                                "lon", lon,
                                "districtCode", "211302",
                                "text", "居民在家中打开燃气阀门轻生，闻到很浓的煤气味",
                                "category", "SOC-SUICIDE-GAS"));
    }

    @Test
    @DisplayName("a stream ends at the next heartbeat once its user is disabled; another user's stream goes on")
    void aStreamEndsWhenItsUserIsDisabled() throws Exception {
        Api admin = Api.as(port, "admin", ADMIN_PASSWORD);
        Answer created = admin.post(
                "/api/users",
                map("username", "stream-watcher", "password", "long-enough-pw", "roles", List.of("COMMANDER")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        try (SseClient watcher = SseClient.open(port, "stream-watcher", "long-enough-pw", null);
                SseClient leader = SseClient.open(port, "leader", DEMO_PASSWORD, null)) {
            watcher.await("ready");
            leader.await("ready");

            Answer disabled = admin.put(
                    "/api/users/stream-watcher", map("version", 0, "roles", List.of("COMMANDER"), "enabled", false));
            assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);

            watcher.awaitEnd();
            Answer filed = fileGasCase(41.61, 120.41);
            leader.await(e -> e.name().equals("INCIDENT_OPENED")
                    && e.data().contains("\"incidentId\":" + filed.id("incidentId")));
        }
    }

    @Test
    @DisplayName(
            "a token's stream ends with a new password and reconnects with the token; it ends for good once revoked")
    void aTokenStreamEndsWhenTheTokenIsRevoked() throws Exception {
        Api admin = Api.as(port, "admin", ADMIN_PASSWORD);
        assertThat(admin.post(
                                "/api/users",
                                map(
                                        "username",
                                        "token-watcher",
                                        "password",
                                        "long-enough-pw",
                                        "roles",
                                        List.of("COMMANDER")))
                        .status())
                .isEqualTo(201);
        Answer issued = admin.post("/api/users/token-watcher/tokens", map("name", "wall screen"));
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        String token = issued.json().get("token").asString();
        try (SseClient before = SseClient.withToken(port, token)) {
            before.await("ready");
            Answer newPassword = admin.put(
                    "/api/users/token-watcher",
                    map("version", 0, "roles", List.of("COMMANDER"), "password", "another-long-pw"));
            assertThat(newPassword.status()).as(newPassword.text()).isEqualTo(200);
            // any change of the account ends its open streams, a token's too
            before.awaitEnd();
        }
        try (SseClient wall = SseClient.withToken(port, token)) {
            wall.await("ready");
            Thread.sleep(2500); // more than two heartbeats: the token, untouched by the password, lives on
            Answer filed = fileGasCase(41.63, 120.43);
            wall.await(e -> e.name().equals("INCIDENT_OPENED")
                    && e.data().contains("\"incidentId\":" + filed.id("incidentId")));

            Answer revoked = admin.delete(
                    "/api/users/token-watcher/tokens/" + issued.json().get("id").asLong());
            assertThat(revoked.status()).as(revoked.text()).isEqualTo(204);

            wall.awaitEnd();
        }
    }

    @Test
    @DisplayName("a console that went away is dropped quietly: no error logged, no problem written into the stream")
    void aConsoleThatWentAwayIsDroppedWithoutAnError(CapturedOutput output) throws Exception {
        SseClient gone = SseClient.open(port, "commander", DEMO_PASSWORD, null);
        gone.await("ready");
        gone.close();
        try (SseClient watching = SseClient.open(port, "leader", DEMO_PASSWORD, null)) {
            watching.await("ready");
            for (int i = 0; i < 8; i++) {
                Answer filed = fileGasCase(41.40 + i * 0.02, 120.30);
                assertThat(filed.status()).as(filed.text()).isEqualTo(201);
                watching.await(e -> e.name().equals("INCIDENT_OPENED")
                        && e.data().contains("\"incidentId\":" + filed.id("incidentId")));
                Thread.sleep(150);
            }
        }

        assertThat(output.getAll()).doesNotContain("Unexpected failure").doesNotContain("Failure in @ExceptionHandler");
    }

    @Test
    @DisplayName("every console sees a filed report live; an agency user sees only its own agency's entries")
    void streamsEntriesLiveAndScopesAgencyUsers() throws Exception {
        try (SseClient commander = SseClient.open(port, "commander", DEMO_PASSWORD, null);
                SseClient gas = SseClient.open(port, "gas", DEMO_PASSWORD, null)) {
            assertThat(commander.status()).isEqualTo(200);
            assertThat(commander.contentType()).startsWith("text/event-stream");
            commander.await("ready");
            gas.await("ready");

            Answer filed = fileGasCase(41.5718, 120.4507);
            assertThat(filed.status()).as(filed.text()).isEqualTo(201);
            long incident = filed.id("incidentId");

            SseClient.Event opened = commander.await("INCIDENT_OPENED");
            assertThat(opened.data()).contains("\"incidentId\":" + incident);
            assertThat(Long.parseLong(opened.id())).isPositive();
            commander.await(e -> e.name().equals("TASK_ISSUED") && e.data().contains("POLICE-SHUANGTA"));
            SseClient.Event gasTask = gas.await("TASK_ISSUED");
            assertThat(gasTask.data()).contains("\"agency\":\"GAS-CO\"");

            commander.await(e -> e.name().equals("TASK_ISSUED") && e.data().contains("GAS-CO"));
            List<SseClient.Event> seenByGas = gas.events();
            assertThat(seenByGas).filteredOn(e -> !e.name().equals("ready")).allSatisfy(e -> assertThat(e.data())
                    .contains("\"agency\":\"GAS-CO\""));
            assertThat(seenByGas).noneMatch(e -> e.data().contains("POLICE-SHUANGTA"));
        }
    }

    @Test
    @DisplayName("a console that reconnects with Last-Event-ID first gets what it missed")
    void reconnectReplaysMissedEntries() throws Exception {
        long before;
        try (SseClient first = SseClient.open(port, "commander", DEMO_PASSWORD, null)) {
            before = Long.parseLong(first.await("ready").id());
        }
        Answer filed = fileGasCase(41.60, 120.40);
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);

        try (SseClient again = SseClient.open(port, "commander", DEMO_PASSWORD, Long.toString(before))) {
            SseClient.Event ready = again.await("ready");
            List<SseClient.Event> replayed =
                    again.events().subList(0, again.events().indexOf(ready));
            assertThat(replayed).extracting(SseClient.Event::name).contains("REPORT_RECEIVED", "INCIDENT_OPENED");
            assertThat(replayed)
                    .allSatisfy(e -> assertThat(Long.parseLong(e.id())).isGreaterThan(before));
            assertThat(replayed)
                    .anySatisfy(e -> assertThat(e.data()).contains("\"incidentId\":" + filed.id("incidentId")));
        }
    }

    @Test
    @DisplayName("the stream needs a login and refuses a malformed Last-Event-ID")
    void streamRefusesAnonymousAndBadResumeIds() throws Exception {
        HttpResponse<String> anonymous = get("/api/stream", "text/event-stream");
        assertThat(anonymous.statusCode()).isEqualTo(401);

        try (SseClient bad = SseClient.open(port, "commander", DEMO_PASSWORD, "yesterday")) {
            assertThat(bad.status()).isEqualTo(400);
        }
    }

    @Test
    @DisplayName("the map settings are public and say which datum the tiles use")
    void publishesMapSettings() {
        Answer config = Api.anonymous(port).get("/api/public/config");

        assertThat(config.status()).as(config.text()).isEqualTo(200);
        assertThat(config.str("zone")).isEqualTo("Asia/Shanghai");
        assertThat(config.str("tileCoordSystem")).isEqualTo("GCJ02");
        assertThat(config.json().has("tileUrl")).isFalse();
        assertThat(config.json().get("cityCenter").get("lat").asDouble()).isBetween(40.0, 43.0);
    }

    @Test
    @DisplayName("console routes load the page without a login; the API and missing files do not")
    void forwardsConsoleRoutesToThePage() throws Exception {
        boolean built = Files.exists(Path.of("target/classes/static/index.html"));
        for (String route : List.of("/login", "/board", "/incidents/12", "/tasks/7", "/admin/users")) {
            HttpResponse<String> page = get(route, "text/html");
            if (built) {
                assertThat(page.statusCode()).as(route).isEqualTo(200);
                assertThat(page.body()).as(route).contains("<div id=\"app\">");
            } else {
                assertThat(page.statusCode())
                        .as(route + " reaches the page, which is not built")
                        .isEqualTo(404);
            }
        }
        assertThat(get("/api/no-such-thing", "application/json").body()).doesNotContain("<div id=\"app\">");
        assertThat(get("/assets/no-such-file.js", "*/*").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept)
                .GET()
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
