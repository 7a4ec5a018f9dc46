package io.liandong.security;

import static io.liandong.security.Caller.ADMIN;
import static io.liandong.security.Caller.AGENCY_USERS;
import static io.liandong.security.Caller.ANALYST;
import static io.liandong.security.Caller.CALLTAKER;
import static io.liandong.security.Caller.COMMANDER;
import static io.liandong.security.Caller.EVERYONE;
import static io.liandong.security.Caller.GAS;
import static io.liandong.security.Caller.HALL;
import static io.liandong.security.Caller.LAWENF;
import static io.liandong.security.Caller.LEADER;
import static io.liandong.security.Caller.LOGGED_IN;
import static io.liandong.security.Caller.POLICE;
import static io.liandong.security.MatrixRow.delete;
import static io.liandong.security.MatrixRow.get;
import static io.liandong.security.MatrixRow.post;
import static io.liandong.security.MatrixRow.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.dispatch.internal.OverdueWatch;
import io.liandong.security.Client.Event;
import io.liandong.security.Client.Reply;
import io.liandong.testing.MutableClock;
import io.liandong.testing.TestClockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what, walked in full: every endpoint of docs/api.md and every controller, for nobody
 * and for each demo account, through the HTTP API. Then what the matrix alone cannot show: that an
 * agency reaches no other agency's data by any endpoint or filter, that personal data stays with the
 * roles that need it, the security headers, lock-out and throttling, and CSRF. Run on H2 and on
 * PostgreSQL by the subclasses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=" + RoleMatrix.ADMIN_PASSWORD,
            "liandong.security.demo-password=" + RoleMatrix.DEMO_PASSWORD,
            "liandong.security.demo-accounts=true",
            "liandong.home=target/test-home",
            "liandong.security.login-throttle.max-attempts=" + RoleMatrix.LOGIN_ATTEMPTS_PER_MINUTE,
            // No heartbeat while the class runs: a stream that a test sees end within its wait was
            // ended by the change itself (at once), never by a heartbeat that happened to fall then.
            "liandong.console.stream.heartbeat=PT1H",
        })
@Import(TestClockConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RoleMatrix {

    static final String ADMIN_PASSWORD = "admin-Matrix-123";
    static final String DEMO_PASSWORD = "demo-Matrix-123";

    /** Below the default 20, so that the throttling test pays for fewer password checks. */
    static final int LOGIN_ATTEMPTS_PER_MINUTE = 10;

    /** A version no incident or task ever reaches: orders and steps with it change nothing. */
    private static final int STALE = 999_999;

    private static final AtomicInteger PLACE = new AtomicInteger();

    private static final String HYBRID_PASSWORD = "Hybrid-Pass-2026";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    OverdueWatch overdueWatch;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    private final Map<Caller, Client> clients = new EnumMap<>(Caller.class);
    private Fixtures fixtures;
    private Client anonymousBrowser;

    // ---- the matrix ------------------------------------------------------------------------

    /**
     * The role × endpoint matrix of docs/security.md, one row per request. Writes carry bodies that
     * are refused after the role check (empty, or a stale version) so that walking the matrix changes
     * nothing.
     */
    static List<MatrixRow> matrix() {
        return List.of(
                // intake
                post("/api/reports", Map.of()).allow(CALLTAKER, COMMANDER, ADMIN),
                post("/api/reports/batch", Map.of()).allow(CALLTAKER, COMMANDER, ADMIN),
                post("/api/reports/classify", Map.of("text", "楼道里煤气味很浓")).allow(CALLTAKER, COMMANDER, ADMIN),
                get("/api/reports").allow(CALLTAKER, COMMANDER, LEADER, ADMIN),
                get("/api/reports?channel=110&limit=5").allow(CALLTAKER, COMMANDER, LEADER, ADMIN),
                get("/api/reports/{report}").allow(CALLTAKER, COMMANDER, LEADER, ADMIN),
                // incidents
                get("/api/incidents").allow(HALL),
                get("/api/incidents?status=OPEN&agency=GAS-CO").allow(HALL),
                get("/api/incidents?agency=POLICE-SHUANGTA").allow(HALL),
                get("/api/incidents/nearby?lat=41.57&lon=120.45").allow(HALL),
                get("/api/incidents/counts").allow(HALL),
                get("/api/incidents/counts?platform=POLICE-COMMAND&agency=GAS-CO")
                        .allow(HALL),
                get("/api/incidents?zone=GOVERNANCE-LINKAGE&platform=GOVERNANCE")
                        .allow(HALL),
                get("/api/incidents/{incident}").allow(HALL, POLICE, GAS).hide(LAWENF),
                get("/api/incidents/{incident}/record").allow(HALL, POLICE, GAS).hide(LAWENF),
                get("/api/incidents/{case}").allow(HALL, LAWENF).hide(POLICE, GAS),
                get("/api/incidents/{case}/record").allow(HALL, LAWENF).hide(POLICE, GAS),
                get("/api/incidents/999999999").allow(HALL).hide(AGENCY_USERS),
                // orders
                order("dispatch", "agency", "EMS-120", "instructions", "派一辆救护车"),
                order("activate-plan"),
                order("note", "text", "现场已疏散"),
                order("severity", "severity", "II", "reason", "现场升级"),
                order("priority", "priority", "P2", "reason", "人员已脱险"),
                order("hand-over", "reason", "领导接管"),
                order("close", "reason", "现场安全"),
                order("cancel", "reason", "误报"),
                order("reopen", "reason", "再次来电"),
                // tasks
                get("/api/tasks").allow(LOGGED_IN),
                get("/api/tasks?incident={incident}").allow(LOGGED_IN),
                get("/api/tasks?status=ISSUED&overdue=true&limit=5").allow(LOGGED_IN),
                get("/api/tasks?agency=GAS-CO").allow(HALL, GAS),
                get("/api/tasks?agency=LAW-ENFORCEMENT").allow(HALL, LAWENF),
                get("/api/tasks/{policeTask}").allow(HALL, POLICE).hide(GAS, LAWENF),
                get("/api/tasks/{gasTask}").allow(HALL, GAS).hide(POLICE, LAWENF),
                get("/api/tasks/{fireTask}").allow(HALL).hide(AGENCY_USERS),
                get("/api/tasks/{emsTask}").allow(HALL).hide(AGENCY_USERS),
                get("/api/tasks/{lawTask}").allow(HALL, LAWENF).hide(POLICE, GAS),
                step("{policeTask}", "acknowledge").allow(POLICE, ADMIN).hide(GAS, LAWENF),
                step("{policeTask}", "arrive").allow(POLICE, ADMIN).hide(GAS, LAWENF),
                step("{policeTask}", "report-back").allow(POLICE, ADMIN).hide(GAS, LAWENF),
                step("{policeTask}", "complete").allow(POLICE, ADMIN).hide(GAS, LAWENF),
                step("{policeTask}", "return").allow(POLICE, ADMIN).hide(GAS, LAWENF),
                step("{gasTask}", "acknowledge").allow(GAS, ADMIN).hide(POLICE, LAWENF),
                step("{gasTask}", "arrive").allow(GAS, ADMIN).hide(POLICE, LAWENF),
                step("{gasTask}", "report-back").allow(GAS, ADMIN).hide(POLICE, LAWENF),
                step("{gasTask}", "complete").allow(GAS, ADMIN).hide(POLICE, LAWENF),
                step("{gasTask}", "return").allow(GAS, ADMIN).hide(POLICE, LAWENF),
                step("{fireTask}", "acknowledge").allow(ADMIN).hide(AGENCY_USERS),
                step("{lawTask}", "acknowledge").allow(LAWENF, ADMIN).hide(POLICE, GAS),
                step("{lawTask}", "return").allow(LAWENF, ADMIN).hide(POLICE, GAS),
                // photos on a task's report-back: the task's agency attaches, the roles that see personal data read
                photos("{policeTask}").allow(POLICE, ADMIN).hide(GAS, LAWENF),
                photos("{gasTask}").allow(GAS, ADMIN).hide(POLICE, LAWENF),
                photos("{fireTask}").allow(ADMIN).hide(AGENCY_USERS),
                get("/api/tasks/{policeTask}/attachments")
                        .allow(CALLTAKER, COMMANDER, LEADER, ADMIN, POLICE)
                        .hide(GAS, LAWENF),
                get("/api/tasks/{policeTask}/attachments/999999999")
                        .allow(CALLTAKER, COMMANDER, LEADER, ADMIN, POLICE)
                        .hide(GAS, LAWENF),
                get("/api/tasks/{lawTask}/attachments")
                        .allow(CALLTAKER, COMMANDER, LEADER, ADMIN, LAWENF)
                        .hide(POLICE, GAS),
                get("/api/tasks/{fireTask}/attachments")
                        .allow(CALLTAKER, COMMANDER, LEADER, ADMIN)
                        .hide(AGENCY_USERS),
                // statistics
                get("/api/stats/summary").allow(ANALYST, LEADER, COMMANDER, ADMIN),
                get("/api/stats/summary?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z")
                        .allow(ANALYST, LEADER, COMMANDER, ADMIN),
                // notifications
                get("/api/notifications").allow(LOGGED_IN),
                get("/api/notifications?recipient=LEADER").allow(HALL),
                get("/api/notifications?recipient=GAS-CO").allow(HALL, GAS),
                get("/api/notifications?recipient=POLICE-SHUANGTA&unread=true").allow(HALL, POLICE),
                post("/api/notifications/999999999/read", null)
                        .allow(ADMIN, CALLTAKER, COMMANDER, LEADER)
                        .hide(AGENCY_USERS),
                // reference data: read by anyone logged in, written by administrators
                get("/api/agencies").allow(LOGGED_IN),
                get("/api/agencies/GAS-CO").allow(LOGGED_IN),
                get("/api/zones").allow(LOGGED_IN),
                get("/api/seats").allow(LOGGED_IN),
                get("/api/seats/S-001").allow(LOGGED_IN),
                get("/api/categories").allow(LOGGED_IN),
                get("/api/categories/tree").allow(LOGGED_IN),
                get("/api/categories/SOC-SUICIDE-GAS").allow(LOGGED_IN),
                get("/api/plans").allow(LOGGED_IN),
                get("/api/plans/PLAN-GAS-SUICIDE").allow(LOGGED_IN),
                post("/api/agencies", Map.of()).allow(ADMIN),
                put("/api/agencies/GAS-CO", Map.of()).allow(ADMIN),
                delete("/api/agencies/NO-SUCH-AGENCY").allow(ADMIN),
                put("/api/seats/S-001", Map.of()).allow(ADMIN),
                post("/api/categories", Map.of()).allow(ADMIN),
                put("/api/categories/SOC-SUICIDE-GAS", Map.of()).allow(ADMIN),
                post("/api/plans", Map.of()).allow(ADMIN),
                put("/api/plans/PLAN-GAS-SUICIDE", Map.of()).allow(ADMIN),
                // identity
                get("/api/users").allow(ADMIN),
                get("/api/users/police").allow(ADMIN),
                post("/api/users", Map.of()).allow(ADMIN),
                put("/api/users/police", Map.of()).allow(ADMIN),
                get("/api/users/police/tokens").allow(ADMIN),
                post("/api/users/police/tokens", Map.of()).allow(ADMIN),
                delete("/api/users/police/tokens/999999999").allow(ADMIN),
                get("/api/audit").allow(ADMIN),
                get("/api/audit?action=LOGIN_FAILED&limit=5").allow(ADMIN),
                get("/api/me").allow(LOGGED_IN),
                // operations: messages other nodes could not handle (docs/events.md)
                get("/api/interop/dead-letters").allow(ADMIN),
                get("/api/interop/dead-letters?limit=5").allow(ADMIN),
                get("/api/stream").allow(LOGGED_IN),
                // the console, public pages and operations
                get("/").allow(EVERYONE),
                get("/index.html").allow(EVERYONE),
                get("/favicon.ico").allow(EVERYONE),
                get("/geo/chaoyang_211300.geojson").allow(EVERYONE),
                get("/locales/zh-CN.json").allow(EVERYONE),
                get("/board").allow(EVERYONE),
                get("/incidents/{incident}").allow(EVERYONE),
                post("/logout", null).allow(EVERYONE),
                get("/swagger-ui.html").allow(EVERYONE),
                get("/api/public/config").allow(EVERYONE),
                get("/v3/api-docs").allow(EVERYONE),
                get("/actuator/health").allow(EVERYONE),
                get("/actuator/health/liveness").allow(EVERYONE),
                get("/actuator/health/readiness").allow(EVERYONE),
                get("/actuator/prometheus").allow(ADMIN),
                get("/actuator/metrics").allow(ADMIN),
                get("/actuator/info").allow(ADMIN),
                // not in the matrix: closed under /api, login needed elsewhere
                get("/api/not-in-the-matrix").allow(ADMIN),
                post("/api/not-in-the-matrix", Map.of()).allow(ADMIN),
                get("/not-a-console-route.txt").allow(LOGGED_IN),
                // the error page: reached directly it is a 404 problem, like any unknown path
                get("/error").allow(LOGGED_IN));
    }

    private static MatrixRow order(String name, Object... fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", STALE);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return post("/api/incidents/{incident}/orders/" + name, body).allow(COMMANDER, LEADER, ADMIN);
    }

    /** An upload without a photo (a JSON body): refused as bad input after the role check, storing nothing. */
    private static MatrixRow photos(String task) {
        return post("/api/tasks/" + task + "/attachments", Map.of("version", STALE));
    }

    private static MatrixRow step(String task, String name) {
        return post("/api/tasks/" + task + "/" + name, Map.of("version", STALE, "text", "现场情况说明"));
    }

    @TestFactory
    @DisplayName("role × endpoint matrix")
    Stream<DynamicNode> everyRoleOnEveryEndpoint() {
        Fixtures f = fixtures();
        return matrix().stream()
                .map(row -> DynamicContainer.dynamicContainer(
                        row.toString(),
                        Arrays.stream(Caller.values())
                                .map(caller -> DynamicTest.dynamicTest(
                                        caller + " → " + row.expectedFor(caller), () -> check(row, caller, f)))));
    }

    private void check(MatrixRow row, Caller caller, Fixtures f) {
        String path = f.resolve(row.path());
        Reply reply = row.method().equals("GET") || caller != Caller.ANONYMOUS
                ? client(caller).send(row.method(), path, row.body())
                : anonymousBrowser()
                        .send(row.method(), path, row.body(), anonymousBrowser().csrfHeader());
        String what = caller + " " + row.method() + " " + path + " answered " + reply;
        switch (row.expectedFor(caller)) {
            case ALLOWED -> assertThat(reply.status())
                    .as(what)
                    .isNotIn(401, 403)
                    .isLessThan(500);
            case HIDDEN -> {
                assertThat(reply.status()).as(what).isEqualTo(404);
                assertThat(reply.problemType()).as(what).isEqualTo("urn:liandong:problem:not-found");
            }
            case UNAUTHENTICATED -> {
                assertThat(reply.status()).as(what).isEqualTo(401);
                assertThat(reply.problemType()).as(what).isEqualTo("urn:liandong:problem:unauthenticated");
            }
            case FORBIDDEN -> {
                assertThat(reply.status()).as(what).isEqualTo(403);
                assertThat(reply.problemType()).as(what).isEqualTo("urn:liandong:problem:forbidden");
            }
        }
    }

    /** A new endpoint is closed until it is added to the matrix (docs/security.md) and to this table. */
    @Test
    void everyEndpointOfEveryControllerHasARowInTheTable() {
        Fixtures f = fixtures();
        List<String> missing = new ArrayList<>();
        handlers.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("io.liandong")) {
                return;
            }
            Set<String> methods = new HashSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            for (String pattern : info.getPatternValues()) {
                PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
                boolean covered = matrix().stream()
                        .filter(row -> methods.isEmpty() || methods.contains(row.method()))
                        .map(row -> f.resolve(row.path()).replaceFirst("\\?.*", ""))
                        .anyMatch(path -> parsed.matches(PathContainer.parsePath(path)));
                if (!covered) {
                    missing.add(methods + " " + pattern + " (" + handler.getShortLogMessage() + ")");
                }
            }
        });

        assertThat(missing).as("endpoints without a row in RoleMatrix.matrix()").isEmpty();
    }

    @Test
    void noCallerIsBothAllowedAndHidden() {
        assertThat(matrix()).allSatisfy(row -> assertThat(row.hidden())
                .as(row.toString())
                .allSatisfy(caller -> assertThat(row.allowed()).doesNotContain(caller)));
        assertThat(Caller.values()).hasSize(9);
        assertThat(matrix().size()).isGreaterThanOrEqualTo(90);
    }

    // ---- one agency, no other agency's data ------------------------------------------------

    @Test
    void anAgencyListsAndFiltersOnlyItsOwnTasks() {
        Fixtures f = freshGasCase();
        Client police = client(POLICE);

        Reply all = police.get("/api/tasks?limit=1000");
        Reply ofIncident = police.get("/api/tasks?incident=" + f.incident());
        Reply ofCaseWithoutPolice = police.get("/api/tasks?incident=" + f.caseId());
        Reply issued = police.get("/api/tasks?status=ISSUED&limit=1000");
        Reply own = police.get("/api/tasks?agency=POLICE-SHUANGTA");
        Reply other = police.get("/api/tasks?agency=GAS-CO&incident=" + f.incident());
        Reply peek = police.get("/api/tasks/" + f.task("GAS-CO"));

        assertThat(agenciesOf(all)).isNotEmpty().containsOnly("POLICE-SHUANGTA");
        assertThat(agenciesOf(ofIncident)).containsExactly("POLICE-SHUANGTA");
        assertThat(ofCaseWithoutPolice.json()).as(ofCaseWithoutPolice.body()).isEmpty();
        assertThat(agenciesOf(issued)).containsOnly("POLICE-SHUANGTA");
        assertThat(agenciesOf(own)).isNotEmpty().containsOnly("POLICE-SHUANGTA");
        assertThat(other.status()).as(other.toString()).isEqualTo(403);
        assertThat(other.body()).doesNotContain("\"agency\":\"GAS-CO\"");
        assertThat(peek.status()).isEqualTo(404);
        assertThat(peek.body()).doesNotContain("GAS-CO");
    }

    @Test
    void anAgencyCannotOpenAnIncidentOrItsRecordWhereItHasNoTask() {
        Fixtures f = freshGasCase();

        Reply detail = client(LAWENF).get("/api/incidents/" + f.incident());
        Reply record = client(LAWENF).get("/api/incidents/" + f.incident() + "/record");
        Reply step = client(LAWENF)
                .post("/api/tasks/" + f.task("GAS-CO") + "/acknowledge", Map.of("version", taskVersion(f, "GAS-CO")));
        Reply ownDetail = client(POLICE).get("/api/incidents/" + f.incident());

        assertThat(detail.status()).isEqualTo(404);
        assertThat(record.status()).isEqualTo(404);
        assertThat(step.status()).isEqualTo(404);
        assertThat(detail.body() + record.body()).doesNotContain("双塔区");
        assertThat(ownDetail.status()).isEqualTo(200);
        assertThat(agenciesOf(ownDetail.json().get("tasks"))).containsExactly("POLICE-SHUANGTA");
        assertThat(client(GAS)
                        .get("/api/tasks/" + f.task("GAS-CO"))
                        .json()
                        .get("status")
                        .asString())
                .as("the refused step changed nothing")
                .isEqualTo("ISSUED");
    }

    @Test
    void anAgencysViewOfAnIncidentNamesNoOtherAgency() {
        Fixtures f = freshGasCase();

        JsonNode police = client(POLICE).get("/api/incidents/" + f.incident()).json();
        JsonNode commander =
                client(COMMANDER).get("/api/incidents/" + f.incident()).json();

        assertThat(commander.get("incident").get("openTasks").asInt()).isEqualTo(4);
        assertThat(police.get("incident").get("agencies").toString()).isEqualTo("[\"POLICE-SHUANGTA\"]");
        assertThat(police.get("incident").get("openTasks").asInt()).isEqualTo(1);
        assertThat(police.toString()).doesNotContain("GAS-CO", "FIRE-BRIGADE", "EMS-120");
    }

    @Test
    void anAgencyReadsNoRecordEntryOfAnotherAgency() {
        Fixtures f = freshGasCase();
        long gasTask = f.task("GAS-CO");
        Reply ack =
                client(GAS).post("/api/tasks/" + gasTask + "/acknowledge", Map.of("version", taskVersion(f, "GAS-CO")));
        Reply back = client(GAS)
                .post(
                        "/api/tasks/" + gasTask + "/report-back",
                        Map.of("version", ack.json().get("version"), "text", "甲烷浓度 0.8% LEL，已关闭楼栋总阀"));
        assertThat(back.status()).as(back.toString()).isEqualTo(200);

        Reply police = client(POLICE).get("/api/incidents/" + f.incident() + "/record");
        Reply commander = client(COMMANDER).get("/api/incidents/" + f.incident() + "/record");

        assertThat(commander.body()).contains("甲烷浓度", "GAS-CO", "REPORT_RECEIVED");
        assertThat(police.status()).isEqualTo(200);
        assertThat(police.json()).isNotEmpty();
        for (JsonNode entry : police.json()) {
            String agency = entry.path("agency").asString(null);
            assertThat(agency).as(entry.toString()).isIn(null, "POLICE-SHUANGTA");
        }
        assertThat(police.body()).doesNotContain("甲烷浓度", "GAS-CO", "FIRE-BRIGADE", "EMS-120", "REPORT_RECEIVED");
        assertThat(police.body()).contains("TASK_ISSUED", "POLICE-SHUANGTA");
    }

    @Test
    void anAgencysLiveStreamCarriesOnlyItsOwnEntries() {
        Fixtures f = freshGasCase();
        long firstEntry = client(COMMANDER)
                .get("/api/incidents/" + f.incident() + "/record")
                .json()
                .get(0)
                .get("id")
                .asLong();

        List<Event> replayed = client(POLICE)
                .events("/api/stream?after=" + (firstEntry - 1), e -> e.name().equals("ready"), Duration.ofSeconds(10));

        try (Client.EventStream live = client(POLICE).stream("/api/stream")) {
            Reply gasAck = client(GAS)
                    .post(
                            "/api/tasks/" + f.task("GAS-CO") + "/acknowledge",
                            Map.of("version", taskVersion(f, "GAS-CO")));
            Reply policeAck = client(POLICE)
                    .post(
                            "/api/tasks/" + f.task("POLICE-SHUANGTA") + "/acknowledge",
                            Map.of("version", taskVersion(f, "POLICE-SHUANGTA")));
            assertThat(gasAck.status()).as(gasAck.toString()).isEqualTo(200);
            assertThat(policeAck.status()).as(policeAck.toString()).isEqualTo(200);
            List<Event> events = live.until(e -> e.name().equals("TASK_ACKNOWLEDGED"), Duration.ofSeconds(10));

            assertThat(entries(events))
                    .allSatisfy(entry -> assertThat(entry.path("agency").asString(null))
                            .as(entry.toString())
                            .isEqualTo("POLICE-SHUANGTA"));
            assertThat(entries(events)
                            .get(entries(events).size() - 1)
                            .get("taskId")
                            .asLong())
                    .isEqualTo(f.task("POLICE-SHUANGTA"));
        }
        assertThat(entries(replayed)).isNotEmpty().allSatisfy(entry -> assertThat(
                        entry.path("agency").asString(null))
                .as(entry.toString())
                .isEqualTo("POLICE-SHUANGTA"));
    }

    @Test
    void anAgencyReadsNoNotificationsOfAnotherAgency() {
        Fixtures f = freshGasCase();
        JsonNode gasTask =
                client(COMMANDER).get("/api/tasks/" + f.task("GAS-CO")).json();
        clock.set(Instant.parse(gasTask.get("acknowledgeDue").asString()).plusSeconds(1));
        // the watch works off other tests' overdue tasks too, oldest first: run it until it is idle
        for (int pass = 0; overdueWatch.scan() > 0; pass++) {
            assertThat(pass).as("the overdue watch must run out of work").isLessThan(1000);
        }

        Reply hall = client(COMMANDER).get("/api/notifications?recipient=GAS-CO&limit=500");
        Reply gas = client(GAS).get("/api/notifications?limit=500");
        Reply police = client(POLICE).get("/api/notifications?recipient=GAS-CO&limit=500");
        Reply policeDefault = client(POLICE).get("/api/notifications?limit=500");
        Reply lawenf = client(LAWENF).get("/api/notifications?recipient=GAS-CO");

        assertThat(hall.body())
                .as("the overdue scan must have told GAS-CO, or this test proves nothing")
                .contains("\"taskId\":" + f.task("GAS-CO"));
        assertThat(gas.body()).as("GAS-CO lists its own").contains("\"taskId\":" + f.task("GAS-CO"));
        for (Reply refused : List.of(police, lawenf)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.body()).doesNotContain("\"taskId\"", "TASK_REMINDED");
        }
        assertThat(policeDefault.status()).as(policeDefault.toString()).isEqualTo(200);
        assertThat(policeDefault.json())
                .allSatisfy(n -> assertThat(n.get("recipient").asString()).isEqualTo("POLICE-SHUANGTA"));
        assertThat(policeDefault.body()).doesNotContain("\"taskId\":" + f.task("GAS-CO") + ",");

        // marking read changes GAS-CO's unread list: the analyst role only reads, even beside another agency's role
        long reminder = StreamSupport.stream(gas.json().spliterator(), false)
                .filter(n -> n.path("taskId").asLong() == f.task("GAS-CO"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        Client hybrid3 = hybrid("hybrid3", "LOCKSMITH", "AGENCY_CLERK", "ANALYST");
        Reply byAnalyst = client(ANALYST).post("/api/notifications/" + reminder + "/read", null);
        Reply byHybrid = hybrid3.post("/api/notifications/" + reminder + "/read", null);
        assertThat(byAnalyst.status()).as(byAnalyst.toString()).isEqualTo(403);
        assertThat(byHybrid.status()).as(byHybrid.toString()).isEqualTo(403);
        assertThat(client(GAS).get("/api/notifications?unread=true&limit=500").body())
                .as("still unread for GAS-CO")
                .contains("\"id\":" + reminder + ",");
        Reply byGas = client(GAS).post("/api/notifications/" + reminder + "/read", null);
        assertThat(byGas.status()).as(byGas.toString()).isEqualTo(200);
        assertThat(byGas.json().get("readBy").asString()).isEqualTo("gas");
    }

    // ---- an agency role and a hall role together: the union, the agency role within its agency ----

    @Test
    @DisplayName("a gas representative who is also commander moves no police task, yet commands and moves its own")
    void aCommanderWithAnAgencyRoleMovesOnlyItsOwnAgencysTasks() {
        Client hybrid = hybrid("hybrid", "GAS-CO", "AGENCY_REP", "COMMANDER");
        Fixtures f = freshGasCase();
        long police = f.task("POLICE-SHUANGTA");
        int version = taskVersion(f, "POLICE-SHUANGTA");

        Map<String, Reply> steps = new LinkedHashMap<>();
        for (String step : List.of("acknowledge", "arrive", "report-back", "complete", "return")) {
            steps.put(step, hybrid.post("/api/tasks/" + police + "/" + step, Map.of("version", version, "text", "现场")));
        }
        Reply read = hybrid.get("/api/tasks/" + police);
        Reply listed = hybrid.get("/api/tasks?agency=POLICE-SHUANGTA&incident=" + f.incident());
        Reply own = hybrid.post(
                "/api/tasks/" + f.task("GAS-CO") + "/acknowledge", Map.of("version", taskVersion(f, "GAS-CO")));
        Reply order = hybrid.post(
                "/api/incidents/" + f.incident() + "/orders/note",
                Map.of("version", incidentVersion(f.incident()), "text", "燃气公司已到场"));

        steps.forEach((step, reply) -> {
            assertThat(reply.status()).as(step + " " + reply).isEqualTo(403);
            assertThat(reply.problemType()).isEqualTo("urn:liandong:problem:forbidden");
        });
        JsonNode after = client(COMMANDER).get("/api/tasks/" + police).json();
        assertThat(after.get("status").asString()).as("no step was taken").isEqualTo("ISSUED");
        assertThat(after.get("version").asInt()).isEqualTo(version);
        assertThat(read.status()).as("the commander role reads every task").isEqualTo(200);
        assertThat(agenciesOf(listed)).containsExactly("POLICE-SHUANGTA");
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(order.status())
                .as("the commander role still orders: " + order)
                .isEqualTo(200);
    }

    @Test
    @DisplayName("a locksmith clerk who is also analyst returns no fire task, yet reads statistics and works its own")
    void anAnalystWithAnAgencyRoleMovesOnlyItsOwnAgencysTasks() {
        Client hybrid2 = hybrid("hybrid2", "LOCKSMITH", "AGENCY_CLERK", "ANALYST");
        Client clerk = hybrid("locksmith-clerk", "LOCKSMITH", "AGENCY_CLERK");
        Fixtures f = freshGasCase();
        long fire = f.task("FIRE-BRIGADE");
        int version = taskVersion(f, "FIRE-BRIGADE");
        Reply dispatched = client(COMMANDER)
                .post(
                        "/api/incidents/" + f.incident() + "/orders/dispatch",
                        Map.of(
                                "version", incidentVersion(f.incident()),
                                "agency", "LOCKSMITH",
                                "instructions", "开锁进入 502 室"));
        assertThat(dispatched.status()).as(dispatched.toString()).isEqualTo(200);
        long lock = dispatched.json().get("id").asLong();

        Reply giveBack = hybrid2.post("/api/tasks/" + fire + "/return", Map.of("version", version, "reason", "不归我们"));
        Reply read = hybrid2.get("/api/tasks/" + f.task("GAS-CO"));
        Reply stats = hybrid2.get("/api/stats/summary");
        Reply clerkRead = clerk.get("/api/tasks/" + f.task("GAS-CO"));
        Reply clerkList = clerk.get("/api/tasks?incident=" + f.incident());
        Reply own = hybrid2.post(
                "/api/tasks/" + lock + "/acknowledge",
                Map.of("version", dispatched.json().get("version").asInt()));

        assertThat(giveBack.status()).as(giveBack.toString()).isEqualTo(403);
        assertThat(client(COMMANDER)
                        .get("/api/tasks/" + fire)
                        .json()
                        .get("status")
                        .asString())
                .as("the refused return changed nothing")
                .isEqualTo("ISSUED");
        assertThat(read.status()).as("the analyst role reads every task").isEqualTo(200);
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        assertThat(clerkRead.status()).as("the clerk alone finds no gas task").isEqualTo(404);
        assertThat(clerkRead.body()).doesNotContain("GAS-CO");
        assertThat(agenciesOf(clerkList)).containsExactly("LOCKSMITH");
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
    }

    // ---- an open stream ends when the account changes ------------------------------------------

    @Test
    @DisplayName("a commander made a locksmith representative: the open stream ends at once, a new one is LOCKSMITH's")
    void aStreamEndsWhenItsUsersRolesChange() {
        Client moved = hybrid("moved-commander", null, "COMMANDER");
        Fixtures f = freshGasCase();
        JsonNode account = client(ADMIN).get("/api/users/moved-commander").json();

        long changedAt;
        try (Client.EventStream open = moved.stream("/api/stream")) {
            open.until(e -> e.name().equals("ready"), Duration.ofSeconds(10));
            Reply change = client(ADMIN)
                    .put(
                            "/api/users/moved-commander",
                            Map.of(
                                    "version", account.get("version").asInt(),
                                    "roles", List.of("AGENCY_REP"),
                                    "agency", "LOCKSMITH"));
            assertThat(change.status()).as(change.toString()).isEqualTo(200);
            changedAt = System.nanoTime();
            // well inside the 15 s heartbeat: the change made on this node ends the stream itself
            open.untilEnded(Duration.ofSeconds(5));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - changedAt)).isLessThan(Duration.ofSeconds(5));

        try (Client.EventStream live = moved.stream("/api/stream")) {
            live.until(e -> e.name().equals("ready"), Duration.ofSeconds(10));
            Reply gasAck = client(GAS)
                    .post(
                            "/api/tasks/" + f.task("GAS-CO") + "/acknowledge",
                            Map.of("version", taskVersion(f, "GAS-CO")));
            Reply dispatched = client(COMMANDER)
                    .post(
                            "/api/incidents/" + f.incident() + "/orders/dispatch",
                            Map.of(
                                    "version", incidentVersion(f.incident()),
                                    "agency", "LOCKSMITH",
                                    "instructions", "开锁进入 502 室"));
            assertThat(gasAck.status()).as(gasAck.toString()).isEqualTo(200);
            assertThat(dispatched.status()).as(dispatched.toString()).isEqualTo(200);
            List<Event> events = live.until(e -> e.name().equals("TASK_ISSUED"), Duration.ofSeconds(10));

            assertThat(entries(events)).isNotEmpty().allSatisfy(entry -> assertThat(
                            entry.path("agency").asString(null))
                    .as(entry.toString())
                    .isEqualTo("LOCKSMITH"));
        }
        assertThat(moved.get("/api/incidents").status())
                .as("the new rights hold for requests too")
                .isEqualTo(403);
    }

    @Test
    @DisplayName("revoking an API token ends its open stream at once, not at the next heartbeat")
    void revokingATokenEndsItsStreamAtOnce() {
        hybrid("token-wall", null, "COMMANDER");
        Reply issued = client(ADMIN).post("/api/users/token-wall/tokens", Map.of("name", "wall screen"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        Client wall = Client.bearer(port, issued.json().get("token").asString());

        long revokedAt;
        try (Client.EventStream open = wall.stream("/api/stream")) {
            open.until(e -> e.name().equals("ready"), Duration.ofSeconds(10));
            Reply revoked = client(ADMIN)
                    .send(
                            "DELETE",
                            "/api/users/token-wall/tokens/"
                                    + issued.json().get("id").asLong(),
                            null);
            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
            revokedAt = System.nanoTime();
            open.untilEnded(Duration.ofSeconds(5));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(5));
        assertThat(wall.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    @DisplayName("logging out ends that session's open stream at once; the same user's other session keeps its own")
    void loggingOutEndsThatSessionsStreamAtOnce() {
        hybrid("two-desks", null, "COMMANDER");
        Client leaving = Client.browser(port);
        Client staying = Client.browser(port);
        assertThat(leaving.login("two-desks", HYBRID_PASSWORD).status()).isEqualTo(200);
        assertThat(staying.login("two-desks", HYBRID_PASSWORD).status()).isEqualTo(200);

        try (Client.EventStream ending = leaving.stream("/api/stream");
                Client.EventStream open = staying.stream("/api/stream")) {
            ending.until(e -> e.name().equals("ready"), Duration.ofSeconds(10));
            open.until(e -> e.name().equals("ready"), Duration.ofSeconds(10));
            Reply logout = leaving.post("/logout", null, leaving.csrfHeader());
            assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
            // well inside the 15 s heartbeat: the logout on this node ends the session's stream itself
            ending.untilEnded(Duration.ofSeconds(5));

            freshGasCase();
            List<Event> events = open.until(e -> !e.name().equals("ready"), Duration.ofSeconds(10));
            assertThat(entries(events))
                    .as("the other session's stream still carries entries")
                    .isNotEmpty();
        }
        assertThat(leaving.get("/api/me").status()).isEqualTo(401);
        assertThat(staying.get("/api/me").status()).isEqualTo(200);
    }

    /** An account the administrator creates once for this center (a repeated call finds it made). */
    private Client hybrid(String username, @Nullable String agency, String... roles) {
        String password = HYBRID_PASSWORD;
        Map<String, Object> user =
                new HashMap<>(Map.of("username", username, "password", password, "roles", List.of(roles)));
        if (agency != null) {
            user.put("agency", agency);
        }
        Reply created = client(ADMIN).post("/api/users", user);
        assertThat(created.status()).as(created.toString()).isIn(201, 409);
        return Client.basic(port, username, password);
    }

    private int incidentVersion(long incident) {
        return client(COMMANDER)
                .get("/api/incidents/" + incident)
                .json()
                .get("incident")
                .get("version")
                .asInt();
    }

    @Test
    @DisplayName("caller number and name: in full for the call taker, never reaching the analyst, an agency or the log")
    @ExtendWith(OutputCaptureExtension.class)
    void personalDataStaysWithTheRolesThatNeedIt(CapturedOutput log) {
        double[] p = freshPlace();
        Reply intake = client(CALLTAKER)
                .post(
                        "/api/reports",
                        Map.of(
                                "channel", "110",
                                "callerNumber", "13955550123",
                                "callerName", "李某某",
                                "address", "双塔区和平街 8 号",
                                "lat", p[0],
                                "lon", p[1],
                                "districtCode", "211302", // the police user's sub-bureau gets the plan's task
                                "text", "邻居家里燃气味很重，敲门没人应",
                                "category", "SOC-SUICIDE-GAS"));
        assertThat(intake.status()).as(intake.toString()).isEqualTo(201);
        long report = intake.json().get("reportId").asLong();
        long incident = intake.json().get("incidentId").asLong();

        JsonNode full = client(CALLTAKER).get("/api/reports/" + report).json();
        assertThat(full.get("callerNumber").asString()).isEqualTo("13955550123");
        assertThat(full.get("callerName").asString()).isEqualTo("李某某");
        assertThat(client(CALLTAKER).get("/api/reports?limit=2000").body()).contains("13955550123", "李某某");
        assertThat(client(ANALYST).get("/api/reports").status()).isEqualTo(403);
        assertThat(client(ANALYST).get("/api/reports/" + report).status()).isEqualTo(403);

        List<String> reachable = new ArrayList<>();
        for (Caller caller : List.of(ANALYST, POLICE, GAS)) {
            for (String path : List.of(
                    "/api/incidents?limit=2000",
                    "/api/incidents/" + incident,
                    "/api/incidents/" + incident + "/record",
                    "/api/tasks?incident=" + incident,
                    "/api/stats/summary")) {
                Reply reply = client(caller).get(path);
                if (reply.status() == 200) {
                    reachable.add(caller + " " + path);
                    assertThat(reply.body()).as(caller + " " + path).doesNotContain("13955550123", "5550123", "李某某");
                }
            }
        }
        assertThat(reachable).hasSizeGreaterThanOrEqualTo(10);
        assertThat(log.getAll())
                .as("the intake's log line names the caller's number masked")
                .contains("139****0123")
                .doesNotContain("13955550123", "李某某");
    }

    // ---- headers, lock-out, throttling, CSRF -----------------------------------------------

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        Map<String, Reply> answers = new LinkedHashMap<>();
        answers.put("console page", client(Caller.ANONYMOUS).get("/"));
        answers.put("console route", client(Caller.ANONYMOUS).get("/board"));
        answers.put(
                "console route named like the API",
                client(Caller.ANONYMOUS).get("/incidents/" + fixtures().incident()));
        answers.put("API answer", client(ADMIN).get("/api/me"));
        answers.put("API list", client(COMMANDER).get("/api/incidents?limit=1"));
        answers.put("refusal", client(Caller.ANONYMOUS).get("/api/me"));
        answers.put("problem", client(COMMANDER).get("/api/incidents/999999999"));

        answers.forEach((what, reply) -> {
            String csp = reply.header("Content-Security-Policy");
            assertThat(csp).as(what + " CSP").isNotNull();
            assertThat(csp)
                    .as(what)
                    .contains(
                            "default-src 'self'",
                            "script-src 'self'",
                            "object-src 'none'",
                            "base-uri 'self'",
                            "form-action 'self'",
                            "frame-ancestors 'none'")
                    .doesNotContain("'unsafe-eval'", "script-src 'self' 'unsafe-inline'", "*;");
            assertThat(reply.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(reply.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(reply.header("X-Frame-Options")).as(what).isEqualTo("DENY");
            assertThat(reply.header("Cache-Control")).as(what).contains("no-store");
        });
        assertThat(answers.get("console page").status()).isNotIn(401, 403);
        assertThat(answers.get("console route named like the API").body())
                .as("the page (or nothing), never the incident's data")
                .doesNotContain("SOC-SUICIDE-GAS", "\"tasks\"", "POLICE-SHUANGTA");
        assertThat(answers.get("API answer").status()).isEqualTo(200);
    }

    @Test
    void fiveBadPasswordsLockTheAccountAndLeaveAnAuditTrail() {
        String user = "lockout-probe";
        String password = "probe-Secret-123";
        List<Reply> failures = lockOut(user, password);

        Reply lockedBasic = Client.basic(port, user, password).get("/api/me");
        Reply lockedForm = Client.browser(port).login(user, password);

        assertThat(failures).hasSize(5).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(401);
            assertThat(r.problemType()).isEqualTo("urn:liandong:problem:login-failed");
        });
        for (Reply locked : List.of(lockedBasic, lockedForm)) {
            assertThat(locked.status()).as(locked.toString()).isEqualTo(401);
            assertThat(locked.problemType()).isEqualTo("urn:liandong:problem:account-locked");
        }
        assertThat(lockedForm.json().get("lockedUntil"))
                .as(lockedForm.toString())
                .isNotNull();
        JsonNode failed = audit("LOGIN_FAILED", user);
        JsonNode lockedRows = audit("ACCOUNT_LOCKED", user);
        assertThat(failed).hasSizeGreaterThanOrEqualTo(5);
        failed.forEach(row -> assertThat(row.get("actor").asString()).isEqualTo("anonymous"));
        assertThat(lockedRows).hasSize(1);
        assertThat(lockedRows.get(0).get("actor").asString()).isEqualTo("system");

        JsonNode account = client(ADMIN).get("/api/users/" + user).json();
        Reply unlocked = client(ADMIN)
                .put(
                        "/api/users/" + user,
                        Map.of("version", account.get("version").asInt(), "roles", List.of("ANALYST"), "unlock", true));
        assertThat(unlocked.status()).as(unlocked.toString()).isEqualTo(200);
        assertThat(Client.basic(port, user, password).get("/api/me").status()).isEqualTo(200);
        assertThat(audit("ACCOUNT_UNLOCKED", user)).hasSize(1);
        assertThat(audit("ACCOUNT_UNLOCKED", user).get(0).get("actor").asString())
                .isEqualTo("admin");
    }

    @Test
    void aLockedOutMachineClientIsToldUntilWhen() {
        String user = "lockout-probe-basic";
        String password = "probe-Secret-456";
        lockOut(user, password);

        Reply locked = Client.basic(port, user, password).get("/api/me");

        assertThat(locked.problemType()).isEqualTo("urn:liandong:problem:account-locked");
        assertThat(locked.json().get("lockedUntil")).as(locked.toString()).isNotNull();
    }

    /** A fresh account (ANALYST) and five wrong passwords for it: three by the form, two by Basic. */
    private List<Reply> lockOut(String user, String password) {
        clock.advance(Duration.ofSeconds(61));
        Reply created = client(ADMIN)
                .post("/api/users", Map.of("username", user, "password", password, "roles", List.of("ANALYST")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Client browser = Client.browser(port);
        Client wrongBasic = Client.basic(port, user, "not-the-password");
        List<Reply> failures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            failures.add(browser.login(user, "wrong-password-" + i));
        }
        failures.add(wrongBasic.get("/api/me"));
        failures.add(wrongBasic.get("/api/me"));
        return failures;
    }

    @Test
    void moreLoginAttemptsAMinuteThanAllowedFromOneAddressAreThrottled() {
        clock.advance(Duration.ofSeconds(61));
        Client browser = Client.browser(port);
        browser.get("/api/me");

        List<Reply> attempts = new ArrayList<>();
        for (int i = 0; i < LOGIN_ATTEMPTS_PER_MINUTE; i++) {
            attempts.add(browser.postForm(
                    "/login", Map.of("username", "nobody-" + i, "password", "wrong-password"), browser.csrfHeader()));
        }
        Reply throttled = browser.postForm(
                "/login", Map.of("username", "commander", "password", DEMO_PASSWORD), browser.csrfHeader());
        Reply machineMeanwhile = client(ADMIN).get("/api/me");
        clock.advance(Duration.ofSeconds(61));
        Reply machineLater = client(ADMIN).get("/api/me");

        assertThat(attempts)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(401));
        assertThat(throttled.status()).as(throttled.toString()).isEqualTo(429);
        assertThat(throttled.problemType()).isEqualTo("urn:liandong:problem:too-many-login-attempts");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(machineMeanwhile.status())
                .as("credentials from a throttled address")
                .isEqualTo(429);
        assertThat(machineLater.status()).as("a minute later").isEqualTo(200);
    }

    @Test
    void aSessionPostNeedsTheCsrfHeaderWhileABasicPostNeedsNone() {
        Client console = Client.browser(port);
        Reply login = console.login("calltaker", DEMO_PASSWORD);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        Map<String, String> text = Map.of("text", "有人在小区里打架");

        Reply withoutHeader = console.post("/api/reports/classify", text);
        Reply wrongHeader = console.post("/api/reports/classify", text, "X-XSRF-TOKEN", "not-the-token");
        Reply withHeader = console.post("/api/reports/classify", text, console.csrfHeader());
        Reply read = console.get("/api/me");
        Reply basic = client(CALLTAKER).post("/api/reports/classify", text);
        Reply crossSite = client(CALLTAKER).post("/api/reports/classify", text, "Sec-Fetch-Site", "cross-site");
        Reply nobodyWithoutToken = client(Caller.ANONYMOUS).post("/api/reports/classify", text);

        assertThat(withoutHeader.status()).as(withoutHeader.toString()).isEqualTo(403);
        assertThat(withoutHeader.problemType()).isEqualTo("urn:liandong:problem:csrf");
        assertThat(wrongHeader.status()).isEqualTo(403);
        assertThat(wrongHeader.problemType()).isEqualTo("urn:liandong:problem:csrf");
        assertThat(withHeader.status()).as(withHeader.toString()).isEqualTo(200);
        assertThat(read.json().get("username").asString()).isEqualTo("calltaker");
        assertThat(basic.status()).as(basic.toString()).isEqualTo(200);
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.problemType()).isEqualTo("urn:liandong:problem:cross-site");
        // Issue #4: authentication first; a write by nobody without a token is told to log in.
        assertThat(nobodyWithoutToken.status())
                .as("a write by nobody without a token is refused by the login check")
                .isEqualTo(401);
        assertThat(nobodyWithoutToken.problemType()).isEqualTo("urn:liandong:problem:unauthenticated");
    }

    // ---- fixtures --------------------------------------------------------------------------

    /** The ids the matrix's paths name: a gas case with four tasks and a diverted noise case. */
    record Fixtures(long report, long incident, long caseId, Map<String, Long> tasks) {

        long task(String agency) {
            Long id = tasks.get(agency);
            if (id == null) {
                throw new IllegalStateException("no task for " + agency + " in " + tasks);
            }
            return id;
        }

        String resolve(String path) {
            return path.replace("{report}", Long.toString(report))
                    .replace("{incident}", Long.toString(incident))
                    .replace("{case}", Long.toString(caseId))
                    .replace("{policeTask}", Long.toString(task("POLICE-SHUANGTA")))
                    .replace("{gasTask}", Long.toString(task("GAS-CO")))
                    .replace("{fireTask}", Long.toString(task("FIRE-BRIGADE")))
                    .replace("{emsTask}", Long.toString(task("EMS-120")))
                    .replace("{lawTask}", Long.toString(task("LAW-ENFORCEMENT")));
        }
    }

    private Fixtures fixtures() {
        if (fixtures == null) {
            fixtures = freshGasCase();
        }
        return fixtures;
    }

    private Fixtures freshGasCase() {
        double[] p = freshPlace();
        Reply gas = client(CALLTAKER)
                .post(
                        "/api/reports",
                        Map.of(
                                "channel", "110",
                                "callerNumber", "13812345678",
                                "callerName", "王某某",
                                "address", "双塔区新华路 12 号 3 单元 502",
                                "lat", p[0],
                                "lon", p[1],
                                "districtCode", "211302",
                                "text", "邻居说楼上住户在家打开燃气阀门要轻生，闻到很浓的煤气味",
                                "category", "SOC-SUICIDE-GAS"));
        assertThat(gas.status()).as(gas.toString()).isEqualTo(201);
        double[] q = freshPlace();
        Reply noise = client(CALLTAKER)
                .post(
                        "/api/reports",
                        Map.of(
                                "channel", "12345",
                                "address", "龙城区某小区",
                                "lat", q[0],
                                "lon", q[1],
                                "text", "楼下烧烤店深夜噪音扰民",
                                "category", "SVC-NOISE"));
        assertThat(noise.status()).as(noise.toString()).isEqualTo(201);
        assertThat(noise.json().get("outcome").asString()).isEqualTo("DIVERTED");

        long incident = gas.json().get("incidentId").asLong();
        long caseId = noise.json().get("incidentId").asLong();
        Map<String, Long> tasks = new HashMap<>();
        for (long id : List.of(incident, caseId)) {
            client(COMMANDER)
                    .get("/api/incidents/" + id)
                    .json()
                    .get("tasks")
                    .forEach(t ->
                            tasks.put(t.get("agency").asString(), t.get("id").asLong()));
        }
        assertThat(tasks).containsOnlyKeys("POLICE-SHUANGTA", "FIRE-BRIGADE", "EMS-120", "GAS-CO", "LAW-ENFORCEMENT");
        return new Fixtures(gas.json().get("reportId").asLong(), incident, caseId, Map.copyOf(tasks));
    }

    private int taskVersion(Fixtures f, String agency) {
        return client(COMMANDER)
                .get("/api/tasks/" + f.task(agency))
                .json()
                .get("version")
                .asInt();
    }

    private JsonNode audit(String action, String target) {
        Reply reply = client(ADMIN).get("/api/audit?limit=1000&action=" + action + "&target=" + target);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> agenciesOf(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return agenciesOf(reply.json());
    }

    private static List<String> agenciesOf(JsonNode tasks) {
        List<String> agencies = new ArrayList<>();
        tasks.forEach(t -> agencies.add(t.get("agency").asString()));
        return agencies;
    }

    private static List<JsonNode> entries(List<Event> events) {
        return events.stream()
                .filter(e -> !e.name().equals("ready"))
                .map(e -> Client.JSON.readTree(e.data()))
                .toList();
    }

    /** A place of its own for each report, kilometres from the others, so no report merges by accident. */
    static double[] freshPlace() {
        int n = PLACE.incrementAndGet();
        return new double[] {41.05 + (n % 30) * 0.025, 119.45 + (n / 30) * 0.035};
    }

    /**
     * Nobody, as a browser that holds a CSRF token, the way the console sends its writes: the
     * matrix expects 401 for nobody with or without the token.
     */
    private Client anonymousBrowser() {
        if (anonymousBrowser == null) {
            anonymousBrowser = Client.browser(port);
        }
        if (anonymousBrowser.cookie("XSRF-TOKEN") == null) {
            anonymousBrowser.get("/api/me");
        }
        return anonymousBrowser;
    }

    private Client client(Caller caller) {
        return clients.computeIfAbsent(caller, c -> switch (c) {
            case ANONYMOUS -> Client.anonymous(port);
            case ADMIN -> Client.basic(port, "admin", ADMIN_PASSWORD);
            default -> Client.basic(port, c.username(), DEMO_PASSWORD);
        });
    }
}
