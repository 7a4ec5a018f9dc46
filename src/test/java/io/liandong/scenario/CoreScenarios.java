package io.liandong.scenario;

import static io.liandong.testing.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liandong.dispatch.internal.OverdueWatch;
import io.liandong.intake.ReportRequest;
import io.liandong.plan.Plan;
import io.liandong.plan.PlanService;
import io.liandong.plan.PlanTask;
import io.liandong.shared.Sha256;
import io.liandong.shared.security.Actor;
import io.liandong.shared.security.Role;
import io.liandong.testing.Api;
import io.liandong.testing.Api.Answer;
import io.liandong.testing.MutableClock;
import io.liandong.testing.TestClockConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The center's core, end to end through the HTTP API: intake, plans, task steps, deadlines,
 * concurrency, idempotency, bad input and the record. Run on H2 and on PostgreSQL by the
 * subclasses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=" + CoreScenarios.ADMIN_PASSWORD,
            "liandong.security.demo-password=" + CoreScenarios.DEMO_PASSWORD,
            "liandong.security.demo-accounts=true",
            "liandong.home=target/test-home",
        })
@Import(TestClockConfiguration.class)
abstract class CoreScenarios {

    static final String ADMIN_PASSWORD = "admin-Secret-123";
    static final String DEMO_PASSWORD = "demo-Secret-123";
    private static final AtomicInteger PLACE = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    OverdueWatch overdueWatch;

    @Autowired
    ApplicationContext context;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    Api admin;
    Api callTaker;
    Api commander;
    Api commander2;
    Api leader;
    Api analyst;
    Api police;
    Api fire;
    Api ems;
    Api gas;
    Api lawEnforcement;

    @BeforeEach
    void users() {
        admin = Api.as(port, "admin", ADMIN_PASSWORD);
        callTaker = as("calltaker");
        commander = as("commander");
        commander2 = Api.as(port, "commander", DEMO_PASSWORD);
        leader = as("leader");
        analyst = as("analyst");
        police = as("police");
        fire = as("fire");
        ems = as("ems");
        gas = as("gas");
        lawEnforcement = as("lawenf");
    }

    private Api as(String user) {
        return Api.as(port, user, DEMO_PASSWORD);
    }

    /** A fresh place in Chaoyang for each report, kilometres apart, so tests never merge by accident. */
    static double[] freshPlace() {
        int n = PLACE.incrementAndGet();
        return new double[] {41.20 + (n % 40) * 0.02, 119.60 + (n / 40) * 0.03};
    }

    Answer gasReport(Instant at) {
        double[] p = freshPlace();
        return callTaker.post(
                "/api/reports",
                map(
                        "channel", "110",
                        "receivedAt", at.toString(),
                        "callerNumber", "13812345678",
                        "callerName", "王某某",
                        "address", "双塔区新华路 12 号 3 单元 502",
                        "lat", p[0],
                        "lon", p[1],
                        "districtCode", "211302",
                        "text", "邻居说楼上住户在家打开燃气阀门要轻生，闻到很浓的煤气味",
                        "category", "SOC-SUICIDE-GAS"));
    }

    JsonNode incident(long id) {
        Answer answer = commander.get("/api/incidents/" + id);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    int incidentVersion(long id) {
        return incident(id).get("incident").get("version").asInt();
    }

    JsonNode taskOf(long incidentId, String agency) {
        for (JsonNode task : incident(incidentId).get("tasks")) {
            if (task.get("agency").asString().equals(agency)) {
                return task;
            }
        }
        throw new AssertionError("no task for " + agency + " on incident " + incidentId);
    }

    Answer step(Api who, long taskId, String step, int version, Object... more) {
        Map<String, Object> body = map(more);
        body.put("version", version);
        return who.post("/api/tasks/" + taskId + "/" + step, body);
    }

    List<String> recordTypes(long incidentId) {
        Answer record = commander.get("/api/incidents/" + incidentId + "/record");
        assertThat(record.status()).as(record.text()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        record.json().forEach(e -> types.add(e.get("type").asString()));
        return types;
    }

    long reportCount() {
        return jdbc.sql("SELECT COUNT(*) FROM report").query(Long.class).single();
    }

    long eventCount() {
        return jdbc.sql("SELECT COUNT(*) FROM incident_event").query(Long.class).single();
    }

    // ---- the worked case of DESIGN.md §1 ----------------------------------------------------

    @Test
    @DisplayName("a stored plan that names one agency twice (refused since, but kept from before) tasks it once")
    void aStoredPlanNamingOneAgencyTwiceTasksItOnce() {
        PlanService plans = context.getBean(PlanService.class);
        Actor admin = new Actor("admin", Set.of(Role.ADMIN), null, null);
        Plan original = plans.find("PLAN-GAS-SUICIDE").orElseThrow();
        List<PlanTask> tasks = new ArrayList<>(original.tasks());
        tasks.add(new PlanTask(tasks.size() + 1, "FIRE-BRIGADE", "再派一次", "Again", null, null, null));
        plans.importAll(
                List.of(new Plan(
                        original.code(),
                        original.nameZh(),
                        original.nameEn(),
                        original.categoryCode(),
                        original.minSeverity(),
                        original.recipients(),
                        tasks)),
                admin);
        try {
            Answer intake = gasReport(clock.instant());

            assertThat(intake.status()).as(intake.text()).isEqualTo(201);
            assertThat(intake.str("plan")).isEqualTo("PLAN-GAS-SUICIDE");
            assertThat(intake.json().get("taskIds")).hasSize(4);
            List<String> agencies = new ArrayList<>();
            incident(intake.id("incidentId"))
                    .get("tasks")
                    .forEach(t -> agencies.add(t.get("agency").asString()));
            assertThat(agencies).containsExactlyInAnyOrder("POLICE-SHUANGTA", "FIRE-BRIGADE", "EMS-120", "GAS-CO");
        } finally {
            plans.importAll(List.of(original), admin);
        }
    }

    @Test
    @DisplayName("gas case: four agencies tasked at once, leader told, every step on the record, closed")
    void playsTheGasCaseEndToEnd() {
        Instant evening = clock.instant();
        Answer intake = gasReport(evening);

        assertThat(intake.status()).as(intake.text()).isEqualTo(201);
        assertThat(intake.str("outcome")).isEqualTo("INCIDENT_OPENED");
        assertThat(intake.str("plan")).isEqualTo("PLAN-GAS-SUICIDE");
        assertThat(intake.json().get("leaderNotified").asBoolean()).isTrue();
        long id = intake.id("incidentId");
        JsonNode detail = incident(id);
        Set<String> agencies = new HashSet<>();
        Set<String> issuedAt = new HashSet<>();
        detail.get("tasks").forEach(t -> {
            agencies.add(t.get("agency").asString());
            issuedAt.add(t.get("issuedAt").asString());
        });
        assertThat(agencies).containsExactlyInAnyOrder("POLICE-SHUANGTA", "FIRE-BRIGADE", "EMS-120", "GAS-CO");
        assertThat(issuedAt)
                .as("all tasks issued in one transaction at one instant")
                .hasSize(1);
        // The plan's tasks are stored in one statement: each id must still be its own agency's,
        // in the answer, on the task and on the record.
        Map<Long, String> agencyOfTask = new HashMap<>();
        Map<Long, String> instructionsOfTask = new HashMap<>();
        detail.get("tasks").forEach(t -> {
            agencyOfTask.put(t.get("id").asLong(), t.get("agency").asString());
            instructionsOfTask.put(t.get("id").asLong(), t.get("instructions").asString());
        });
        List<Long> answered = new ArrayList<>();
        intake.json().get("taskIds").forEach(t -> answered.add(t.asLong()));
        assertThat(answered).containsExactlyInAnyOrderElementsOf(agencyOfTask.keySet());
        assertThat(answered).as("issued in the plan's order").isSorted();
        for (JsonNode e : commander.get("/api/incidents/" + id + "/record").json()) {
            if (e.get("type").asString().equals("TASK_ISSUED")) {
                long task = e.get("taskId").asLong();
                assertThat(e.get("agency").asString()).as("task " + task).isEqualTo(agencyOfTask.get(task));
                assertThat(e.get("detail").asString()).as("task " + task).isEqualTo(instructionsOfTask.get(task));
            }
        }
        Answer leaderInbox = leader.get("/api/notifications?recipient=LEADER");
        assertThat(leaderInbox.text()).contains("\"incidentId\":" + id);

        clock.advance(Duration.ofMinutes(1));
        for (var entry : Map.of("POLICE-SHUANGTA", police, "FIRE-BRIGADE", fire, "EMS-120", ems, "GAS-CO", gas)
                .entrySet()) {
            JsonNode task = taskOf(id, entry.getKey());
            long taskId = task.get("id").asLong();
            Answer ack = step(
                    entry.getValue(), taskId, "acknowledge", task.get("version").asInt());
            assertThat(ack.status()).as(ack.text()).isEqualTo(200);
            Answer arrive = step(entry.getValue(), taskId, "arrive", ack.version());
            assertThat(arrive.status()).as(arrive.text()).isEqualTo(200);
        }
        JsonNode gasTask = taskOf(id, "GAS-CO");
        Answer measured = step(
                gas,
                gasTask.get("id").asLong(),
                "report-back",
                gasTask.get("version").asInt(),
                "text",
                "甲烷浓度 0.8% LEL，已关闭楼栋总阀");
        assertThat(measured.status()).as(measured.text()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(60));
        for (var entry : Map.of("POLICE-SHUANGTA", police, "FIRE-BRIGADE", fire, "EMS-120", ems, "GAS-CO", gas)
                .entrySet()) {
            JsonNode task = taskOf(id, entry.getKey());
            Answer done = step(
                    entry.getValue(),
                    task.get("id").asLong(),
                    "complete",
                    task.get("version").asInt());
            assertThat(done.status()).as(done.text()).isEqualTo(200);
            assertThat(done.str("status")).isEqualTo("COMPLETED");
        }
        Answer closed = commander.post(
                "/api/incidents/" + id + "/orders/close", map("version", incidentVersion(id), "reason", "现场安全，恢复供气"));
        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        assertThat(closed.str("status")).isEqualTo("CLOSED");

        List<String> types = recordTypes(id);
        assertThat(types.subList(0, 8))
                .containsExactly(
                        "REPORT_RECEIVED",
                        "INCIDENT_OPENED",
                        "PLAN_ACTIVATED",
                        "TASK_ISSUED",
                        "TASK_ISSUED",
                        "TASK_ISSUED",
                        "TASK_ISSUED",
                        "LEADER_NOTIFIED");
        assertThat(types)
                .containsSubsequence(
                        "TASK_ACKNOWLEDGED", "TASK_ARRIVED", "TASK_REPORTED_BACK", "TASK_COMPLETED", "INCIDENT_CLOSED");
        assertThat(types.stream().filter("TASK_COMPLETED"::equals)).hasSize(4);
        assertThat(types.get(types.size() - 1)).isEqualTo("INCIDENT_CLOSED");
        Answer record = commander.get("/api/incidents/" + id + "/record");
        long previous = 0;
        for (JsonNode e : record.json()) {
            assertThat(e.get("id").asLong()).isGreaterThan(previous);
            previous = e.get("id").asLong();
            assertThat(e.get("actor").asString()).isNotBlank();
        }

        Answer stats = analyst.get("/api/stats/summary?from=" + evening.minusSeconds(1) + "&to="
                + clock.instant().plusSeconds(1));
        assertThat(stats.status()).as(stats.text()).isEqualTo(200);
        assertThat(stats.json().get("linkageActivations").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.json().get("byAgency").get("GAS-CO").asLong()).isGreaterThanOrEqualTo(1);
    }

    // ---- diversion and merging --------------------------------------------------------------

    @Test
    void divertsNoiseComplaintToLawEnforcementAndClosesTheCaseWhenDone() {
        double[] p = freshPlace();
        Answer intake = callTaker.post(
                "/api/reports",
                map(
                        "channel",
                        "12345",
                        "address",
                        "龙城区某小区",
                        "lat",
                        p[0],
                        "lon",
                        p[1],
                        "text",
                        "楼下烧烤店深夜噪音扰民",
                        "category",
                        "SVC-NOISE"));

        assertThat(intake.status()).as(intake.text()).isEqualTo(201);
        assertThat(intake.str("outcome")).isEqualTo("DIVERTED");
        long caseId = intake.id("incidentId");
        JsonNode task = taskOf(caseId, "LAW-ENFORCEMENT");
        long taskId = task.get("id").asLong();
        Answer ack =
                step(lawEnforcement, taskId, "acknowledge", task.get("version").asInt());
        Answer done = step(lawEnforcement, taskId, "complete", ack.version());
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(incident(caseId).get("incident").get("status").asString()).isEqualTo("CLOSED");
        assertThat(recordTypes(caseId))
                .containsExactly(
                        "REPORT_RECEIVED",
                        "REPORT_DIVERTED",
                        "TASK_ISSUED",
                        "TASK_ACKNOWLEDGED",
                        "TASK_COMPLETED",
                        "INCIDENT_CLOSED");
    }

    @Test
    void policeWorkGoesToTheSubBureauOfTheDistrictAndCityWideWorkStaysWithItsOwner() {
        // Regression: a city-wide owner (traffic police, 211300) was replaced by a county's sub-bureau.
        double[] p = freshPlace();
        Answer theft = callTaker.post(
                "/api/reports",
                map(
                        "channel",
                        "110",
                        "address",
                        "北票市某小区",
                        "lat",
                        p[0],
                        "lon",
                        p[1],
                        "districtCode",
                        "211381",
                        "text",
                        "电动车被盗",
                        "category",
                        "SOC-THEFT"));
        Answer parking = callTaker.post(
                "/api/reports",
                map(
                        "channel",
                        "12345",
                        "address",
                        "北票市某路口",
                        "lat",
                        p[0] + 0.01,
                        "lon",
                        p[1],
                        "districtCode",
                        "211381",
                        "text",
                        "车辆堵住车库门",
                        "category",
                        "SVC-PARKING"));

        assertThat(theft.status()).as(theft.text()).isEqualTo(201);
        assertThat(incident(theft.id("incidentId"))
                        .get("tasks")
                        .get(0)
                        .get("agency")
                        .asString())
                .isEqualTo("POLICE-BEIPIAO");
        assertThat(parking.str("outcome")).isEqualTo("DIVERTED");
        assertThat(incident(parking.id("incidentId"))
                        .get("tasks")
                        .get(0)
                        .get("agency")
                        .asString())
                .isEqualTo("TRAFFIC-POLICE");
    }

    @Test
    void aReportWithATownshipCodeGoesToTheAgencyOfItsCounty() {
        // Regression: a 9-digit township code was matched against the counties' 6-digit codes
        // exactly, so police work filed with one went to the city-wide traffic police.
        // 211302001 双塔街道 (双塔区), 211381101 西官营镇 (北票市)
        assertThat(firstTaskAgency(township("110", "211302001", "有人打架", "SOC-PUBLIC-ORDER")))
                .isEqualTo("POLICE-SHUANGTA");
        assertThat(firstTaskAgency(township("110", "211381101", "电动车被盗", "SOC-THEFT")))
                .isEqualTo("POLICE-BEIPIAO");
        Answer noise = township("12345", "211381101", "楼下烧烤店深夜噪音扰民", "SVC-NOISE");
        assertThat(noise.str("outcome")).isEqualTo("DIVERTED");
        assertThat(firstTaskAgency(noise))
                .as("a city-wide owner keeps the work")
                .isEqualTo("LAW-ENFORCEMENT");
    }

    @Test
    void aPlanTasksThePoliceSubBureauOfTheIncidentsOwnCounty() {
        // PLAN-GAS-SUICIDE names POLICE-SHUANGTA; a gas case in 北票 (a township of 211381) goes to
        // the 北票 sub-bureau, the plan's other agencies (city-wide) as named.
        Answer shuangta = township("110", "211302001", "邻居在家打开燃气阀门要轻生，闻到很浓的煤气味", "SOC-SUICIDE-GAS");
        Answer beipiao = township("110", "211381101", "邻居在家打开燃气阀门要轻生，闻到很浓的煤气味", "SOC-SUICIDE-GAS");
        assertThat(beipiao.str("plan")).isEqualTo("PLAN-GAS-SUICIDE");
        List<String> there = agencies(beipiao.id("incidentId"));
        List<String> here = agencies(shuangta.id("incidentId"));
        assertThat(here).contains("POLICE-SHUANGTA");
        assertThat(there)
                .contains("POLICE-BEIPIAO")
                .doesNotContain("POLICE-SHUANGTA")
                .hasSameSizeAs(here)
                .containsAll(
                        here.stream().filter(a -> !a.equals("POLICE-SHUANGTA")).toList());

        // The commander's order activating the plan on a 北票 theft: its sub-bureau is tasked once.
        Answer theft = township("110", "211381101", "电动车被盗", "SOC-THEFT");
        long incident = theft.id("incidentId");
        Answer activated = commander.post(
                "/api/incidents/" + incident + "/orders/activate-plan",
                map("version", incidentVersion(incident), "plan", "PLAN-GAS-SUICIDE"));
        assertThat(activated.status()).as(activated.text()).isEqualTo(200);
        List<String> tasked = agencies(incident);
        assertThat(tasked)
                .doesNotContain("POLICE-SHUANGTA")
                .doesNotHaveDuplicates()
                .contains("POLICE-BEIPIAO");
        assertThat(tasked).hasSameSizeAs(here);
    }

    private List<String> agencies(long incident) {
        List<String> codes = new ArrayList<>();
        incident(incident)
                .get("tasks")
                .forEach(task -> codes.add(task.get("agency").asString()));
        return codes;
    }

    @Test
    void aDivertedReportWithATownshipCodeGoesToTheAgencyOfItsCountyWhenTheOwnerDoesNotCoverIt() {
        // The reference data has only city-wide agencies for diverted work: two county offices here.
        for (String[] office : new String[][] {{"TWP-OFFICE-SHUANGTA", "211302"}, {"TWP-OFFICE-BEIPIAO", "211381"}}) {
            Answer created = admin.post(
                    "/api/agencies",
                    map(
                            "code",
                            office[0],
                            "nameZh",
                            "县级办事处" + office[1],
                            "nameEn",
                            "County office " + office[1],
                            "kind",
                            "GOVERNMENT",
                            "residency",
                            "ON_CALL",
                            "districts",
                            List.of(office[1]),
                            "member",
                            false));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
        }
        Answer category = admin.post(
                "/api/categories",
                map(
                        "code", "SVC-TWP-OFFICE",
                        "parent", "SVC",
                        "nameZh", "县级办事处测试事项",
                        "nameEn", "County office test matter",
                        "police", false,
                        "priority", "P4",
                        "severity", "IV",
                        "owner", "TWP-OFFICE-SHUANGTA",
                        "keywords", List.of("县级办事处测试事项")));
        assertThat(category.status()).as(category.text()).isEqualTo(201);

        Answer beipiao = township("12345", "211381101", "请县里办事处来处理", "SVC-TWP-OFFICE");
        Answer shuangta = township("12345", "211302001", "请县里办事处来处理", "SVC-TWP-OFFICE");

        assertThat(beipiao.str("outcome")).isEqualTo("DIVERTED");
        assertThat(firstTaskAgency(beipiao)).isEqualTo("TWP-OFFICE-BEIPIAO");
        assertThat(firstTaskAgency(shuangta)).isEqualTo("TWP-OFFICE-SHUANGTA");
    }

    private Answer township(String channel, String township, String text, String category) {
        double[] p = freshPlace();
        Answer answer = callTaker.post(
                "/api/reports",
                map(
                        "channel", channel,
                        "lat", p[0],
                        "lon", p[1],
                        "districtCode", township,
                        "text", text,
                        "category", category));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer;
    }

    private String firstTaskAgency(Answer intake) {
        return incident(intake.id("incidentId"))
                .get("tasks")
                .get(0)
                .get("agency")
                .asString();
    }

    @Test
    void mergesASecondReportOfTheSameFireNearbyIntoOneIncident() {
        double[] p = freshPlace();
        Instant now = clock.instant();
        Answer first = callTaker.post(
                "/api/reports",
                map(
                        "channel",
                        "119",
                        "receivedAt",
                        now.toString(),
                        "address",
                        "建平县某厂房",
                        "lat",
                        p[0],
                        "lon",
                        p[1],
                        "text",
                        "厂房着火冒浓烟",
                        "category",
                        "ACC-FIRE-BUILDING"));
        Answer second = callTaker.post(
                "/api/reports",
                map(
                        "channel",
                        "110",
                        "receivedAt",
                        now.plusSeconds(120).toString(),
                        "address",
                        "建平县某厂房对面",
                        "lat",
                        p[0] + 0.001,
                        "lon",
                        p[1],
                        "text",
                        "对面厂房起火了",
                        "category",
                        "ACC-FIRE-BUILDING"));

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(second.str("outcome")).isEqualTo("MERGED");
        assertThat(second.id("incidentId")).isEqualTo(first.id("incidentId"));
        assertThat(incident(first.id("incidentId"))
                        .get("incident")
                        .get("reportCount")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    @DisplayName("merge radius holds east and west too: 480 m east merges, 530 m west opens a new incident")
    void mergesByTrueDistanceAlongTheParallel() {
        double[] p = freshPlace();
        Instant now = clock.instant();
        double metersPerDegreeLon = 111_195.08 * Math.cos(Math.toRadians(p[0]));
        Answer first = fireReport(now, p[0], p[1], "建平县某仓库");
        Answer east = fireReport(now.plusSeconds(60), p[0], p[1] + 480 / metersPerDegreeLon, "建平县某仓库东侧");
        Answer west = fireReport(now.plusSeconds(90), p[0], p[1] - 530 / metersPerDegreeLon, "建平县某仓库西侧");

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(east.str("outcome")).as(east.text()).isEqualTo("MERGED");
        assertThat(east.id("incidentId")).isEqualTo(first.id("incidentId"));
        assertThat(west.str("outcome")).as(west.text()).isEqualTo("INCIDENT_OPENED");
    }

    @Test
    @DisplayName("nearby open incidents for the intake screen: 1,900 m east is offered, 2,100 m east is not")
    void offersOpenIncidentsWithinFourTimesTheMergeRadius() {
        double[] p = freshPlace();
        double metersPerDegreeLon = 111_195.08 * Math.cos(Math.toRadians(p[0]));
        Answer fire = fireReport(clock.instant(), p[0], p[1], "建平县某仓库附近");
        assertThat(fire.status()).as(fire.text()).isEqualTo(201);
        long id = fire.id("incidentId");

        Answer near = callTaker.get("/api/incidents/nearby?category=ACC-FIRE-BUILDING&lat=" + p[0] + "&lon="
                + (p[1] + 1_900 / metersPerDegreeLon));
        Answer far = callTaker.get("/api/incidents/nearby?category=ACC-FIRE-BUILDING&lat=" + p[0] + "&lon="
                + (p[1] + 2_100 / metersPerDegreeLon));

        assertThat(near.status()).as(near.text()).isEqualTo(200);
        assertThat(near.json().findValues("id").stream().map(JsonNode::asLong)).contains(id);
        assertThat(far.json().findValues("id").stream().map(JsonNode::asLong)).doesNotContain(id);
    }

    @Test
    @DisplayName("eight reports of one fire at one moment: one incident opens, the seven others join it")
    void simultaneousReportsOfOneEventOpenOneIncident() throws Exception {
        double[] p = freshPlace();
        Instant at = clock.instant();
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                double lon = p[1] + i * 0.0001;
                answers.add(pool.submit(() -> {
                    start.await();
                    return fireReport(at, p[0], lon, "建平县同一仓库");
                }));
            }
            start.countDown();
            Set<Long> incidents = new HashSet<>();
            List<String> outcomes = new ArrayList<>();
            for (Future<Answer> future : answers) {
                Answer answer = future.get();
                assertThat(answer.status()).as(answer.text()).isEqualTo(201);
                incidents.add(answer.id("incidentId"));
                outcomes.add(answer.json().get("outcome").asString());
            }
            assertThat(incidents)
                    .as("incidents opened by %d simultaneous callers", callers)
                    .hasSize(1);
            assertThat(outcomes).containsOnlyOnce("INCIDENT_OPENED");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("nearby with a point off the globe or not a number: 400 naming the parameter, not 500")
    void nearbyRefusesAPointOffTheGlobe() {
        for (String point :
                List.of("lat=91&lon=0", "lat=-91&lon=0", "lat=0&lon=181", "lat=NaN&lon=0", "lat=1e308&lon=0")) {
            Answer answer = callTaker.get("/api/incidents/nearby?category=ACC-FIRE-BUILDING&" + point);
            assertThat(answer.status()).as(point + ": " + answer.text()).isEqualTo(400);
            assertThat(answer.json().get("type").asString()).isEqualTo("urn:liandong:problem:validation");
            assertThat(answer.json().get("errors").get(0).get("field").asString())
                    .as(point)
                    .isIn("lat", "lon");
        }
    }

    @Test
    void mergesReportsWithoutAPointByTheSameAddress() {
        Instant now = clock.instant();
        String address = "建平县 无坐标路 " + PLACE.incrementAndGet() + " 号";
        Answer first = fireReport(now, null, null, address);
        Answer second = fireReport(now.plusSeconds(60), null, null, address.replace(" ", ""));

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(second.str("outcome")).as(second.text()).isEqualTo("MERGED");
        assertThat(second.id("incidentId")).isEqualTo(first.id("incidentId"));
    }

    private Answer fireReport(Instant at, Double lat, Double lon, String address) {
        Map<String, Object> body = new LinkedHashMap<>(map(
                "channel",
                "119",
                "receivedAt",
                at.toString(),
                "address",
                address,
                "text",
                "仓库着火冒浓烟",
                "category",
                "ACC-FIRE-BUILDING"));
        if (lat != null) {
            body.put("lat", lat);
            body.put("lon", lon);
        } else {
            body.put("districtCode", "211322");
        }
        return callTaker.post("/api/reports", body);
    }

    // ---- deadlines ------------------------------------------------------------------------

    @Test
    @DisplayName("overdue task: reminded, reminded again, escalated to the leader; never after it moves on")
    void remindsThenEscalatesAnOverdueTaskAndStopsWhenItMovesOn() {
        Answer intake = gasReport(clock.instant());
        long id = intake.id("incidentId");
        JsonNode gasTask = taskOf(id, "GAS-CO");
        JsonNode policeTask = taskOf(id, "POLICE-SHUANGTA");
        Instant ackDue = Instant.parse(gasTask.get("acknowledgeDue").asString());
        Answer policeAck = step(
                police,
                policeTask.get("id").asLong(),
                "acknowledge",
                policeTask.get("version").asInt());
        assertThat(policeAck.status()).isEqualTo(200);

        clock.set(ackDue.plusSeconds(1));
        watchDeadlines();
        clock.advance(Duration.ofMinutes(10));
        watchDeadlines();
        clock.advance(Duration.ofMinutes(10));
        watchDeadlines();
        watchDeadlines();

        List<String> gasEntries = new ArrayList<>();
        commander.get("/api/incidents/" + id + "/record").json().forEach(e -> {
            if ("GAS-CO".equals(e.path("agency").asString(null))) {
                gasEntries.add(e.get("type").asString());
            }
        });
        assertThat(gasEntries)
                .containsExactly("TASK_ISSUED", "TASK_OVERDUE", "TASK_REMINDED", "TASK_REMINDED", "TASK_ESCALATED");
        assertThat(leader.get("/api/notifications?recipient=LEADER").text()).contains("TASK_ESCALATED");
        JsonNode after = taskOf(id, "GAS-CO");
        assertThat(after.get("overdue").asBoolean()).isTrue();
        assertThat(after.get("escalated").asBoolean()).isTrue();

        Answer ack = step(
                gas,
                after.get("id").asLong(),
                "acknowledge",
                after.get("version").asInt());
        assertThat(ack.status())
                .as("a reminder must not bump the task's version")
                .isEqualTo(200);
        long before = eventCount();
        watchDeadlines();
        assertThat(recordTypes(id).stream()
                        .filter(t -> t.equals("TASK_REMINDED"))
                        .count())
                .as("no reminder for an acknowledged task whose arrive deadline has not passed")
                .isGreaterThanOrEqualTo(2);
        assertThat(eventCount() - before)
                .as("the police task acknowledged on time and the gas task just acknowledged get nothing new")
                .isLessThanOrEqualTo(countOverdueArrivals(id));
    }

    @Test
    @DisplayName("overdue watch: a backlog larger than one scan reaches every task, not only the newest")
    void aBacklogLargerThanOneScanReachesEveryOverdueTask() {
        List<Long> incidents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            incidents.add(gasReport(clock.instant()).id("incidentId"));
            clock.advance(Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofHours(2));

        // two tasks a scan; each pass must find work while any task is still past its deadline unmarked
        assertThat(overdueWatch.scan(2)).isPositive();
        assertThat(meters.get("liandong.overdue.watch.lag").gauge().value())
                .as("the first task read had waited since a deadline that passed well over an hour ago")
                .isGreaterThan(3600);
        int passes = 0;
        while (overdueWatch.scan(2) > 0) {
            assertThat(++passes).as("the backlog must come to an end").isLessThan(2000);
        }

        for (long id : incidents) {
            List<String> types = recordTypes(id);
            long tasks = types.stream().filter("TASK_ISSUED"::equals).count();
            assertThat(tasks).isGreaterThan(1);
            assertThat(types.stream().filter("TASK_OVERDUE"::equals).count())
                    .as("every task of incident %d is marked overdue: %s", id, types)
                    .isEqualTo(tasks);
        }
        assertThat(overdueWatch.scan(2)).as("nothing is left to do now").isZero();
        assertThat(meters.get("liandong.overdue.watch.lag").gauge().value()).isZero();
    }

    @Test
    @DisplayName("overdue watch: a task it looks at before its next reminder is due waits for that reminder (V13's"
            + " backfill points reminded tasks at their last reminder)")
    void aTaskLookedAtBeforeItsReminderIsDueIsPutBackUntilThen() {
        long id = gasIncidentAnHourOverdue();
        long reminded = recordTypes(id).stream().filter("TASK_REMINDED"::equals).count();
        assertThat(reminded).isPositive();
        jdbc.sql("UPDATE task SET watch_at = last_reminded_at WHERE incident_id = ? AND overdue_stage IS NOT NULL")
                .param(id)
                .update();

        clock.advance(Duration.ofMinutes(1));
        watchDeadlines();

        assertThat(recordTypes(id).stream().filter("TASK_REMINDED"::equals).count())
                .as("no reminder before remind-every has passed")
                .isEqualTo(reminded);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM task WHERE incident_id = ? AND overdue_stage IS NOT NULL"
                                + " AND watch_at = last_reminded_at + INTERVAL '10' MINUTE")
                        .param(id)
                        .query(Long.class)
                        .single())
                .as("each waits for its next reminder, ten minutes after the last")
                .isEqualTo(reminded);
    }

    @Test
    @DisplayName("overdue watch: a step taken after the next stage's deadline has passed counts the watch's lag from"
            + " the step, not from that deadline")
    void aLateStepIsWatchedFromTheStep() {
        long id = gasIncidentAnHourOverdue();
        JsonNode policeTask = taskOf(id, "POLICE-SHUANGTA");
        Answer ack = step(
                police,
                policeTask.get("id").asLong(),
                "acknowledge",
                policeTask.get("version").asInt());
        assertThat(ack.status()).as(ack.text()).isEqualTo(200);

        assertThat(overdueWatch.scan(1))
                .as("the arrive deadline passed long ago: overdue at once")
                .isOne();
        assertThat(meters.get("liandong.overdue.watch.lag").gauge().value())
                .as("the watch took the task the moment it could")
                .isZero();
        assertThat(recordTypes(id)).contains("TASK_OVERDUE");
    }

    @Test
    @DisplayName("with liandong.scheduling.enabled=false no job runs by itself: the tests drive the watch")
    void noJobIsScheduledWhenSchedulingIsOff() {
        assertThat(context.getBeansOfType(ScheduledTaskHolder.class).values())
                .allSatisfy(holder -> assertThat(holder.getScheduledTasks()).isEmpty());
    }

    /** A gas incident whose tasks the overdue watch marked an hour after their issue. */
    private long gasIncidentAnHourOverdue() {
        long id = gasReport(clock.instant()).id("incidentId");
        clock.advance(Duration.ofHours(1));
        watchDeadlines();
        return id;
    }

    /**
     * Runs the overdue watch until it has nothing left to do at the clock's time: the tests share one database and
     * move its clock by hours, so other tests' tasks may be waiting ahead of this one's.
     */
    void watchDeadlines() {
        int passes = 0;
        while (overdueWatch.scan() > 0) {
            assertThat(++passes).as("the overdue watch must run out of work").isLessThan(1000);
        }
    }

    private long countOverdueArrivals(long id) {
        Instant now = clock.instant();
        long n = 0;
        for (JsonNode t : incident(id).get("tasks")) {
            if (t.get("nextDue") != null
                    && !t.get("nextDue").isNull()
                    && now.isAfter(Instant.parse(t.get("nextDue").asString()))) {
                n += 2;
            }
        }
        return n;
    }

    @Test
    void neverRemindsForTheTasksOfAClosedIncidentEvenAfterItIsReopened() {
        Answer intake = gasReport(clock.instant());
        long id = intake.id("incidentId");
        Answer closed = commander.post(
                "/api/incidents/" + id + "/orders/close", map("version", incidentVersion(id), "reason", "误报"));
        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        Answer reopened = commander.post(
                "/api/incidents/" + id + "/orders/reopen", map("version", closed.version(), "reason", "再次来电"));
        assertThat(reopened.status()).as(reopened.text()).isEqualTo(200);

        clock.advance(Duration.ofHours(6));
        watchDeadlines();

        List<String> types = recordTypes(id);
        assertThat(types).doesNotContain("TASK_OVERDUE", "TASK_REMINDED");
        assertThat(types.stream().filter("TASK_CANCELLED"::equals)).hasSize(4);
        incident(id).get("tasks").forEach(t -> assertThat(t.get("status").asString())
                .isEqualTo("CANCELLED"));
    }

    // ---- concurrency -----------------------------------------------------------------------

    @Test
    void twoCommandersOnOneIncidentOneWinsTheOtherGets409() throws Exception {
        long id = gasReport(clock.instant()).id("incidentId");
        int version = incidentVersion(id);

        List<Answer> answers = parallel(8, i -> (i % 2 == 0 ? commander : commander2)
                .post(
                        "/api/incidents/" + id + "/orders/severity",
                        map("version", version, "severity", i % 2 == 0 ? "II" : "I", "reason", "现场升级 " + i)));

        assertThat(answers.stream().filter(a -> a.status() == 200)).hasSize(1);
        assertThat(answers.stream().filter(a -> a.status() == 409)).hasSize(7);
        answers.stream()
                .filter(a -> a.status() == 409)
                .forEach(a -> assertThat(a.json().get("type").asString()).isEqualTo("urn:liandong:problem:conflict"));
        assertThat(recordTypes(id).stream().filter("SEVERITY_CHANGED"::equals)).hasSize(1);
        assertThat(incidentVersion(id)).isEqualTo(version + 1);
    }

    @Test
    void twoCommandersDispatchingDifferentAgenciesAtOnceBothSucceedButNotAfterAClose() throws Exception {
        long id = gasReport(clock.instant()).id("incidentId");
        int version = incidentVersion(id);
        List<String> agencies = List.of("POWER-CO", "WATER-CO");

        List<Answer> answers = parallel(2, i -> (i == 0 ? commander : commander2)
                .post(
                        "/api/incidents/" + id + "/orders/dispatch",
                        map("version", version, "agency", agencies.get(i), "instructions", "到场协助")));
        Answer again = commander.post(
                "/api/incidents/" + id + "/orders/dispatch",
                map("version", version, "agency", "POWER-CO", "instructions", "再派一次"));
        Answer closed =
                commander.post("/api/incidents/" + id + "/orders/close", map("version", version, "reason", "处置完毕"));
        Answer late = commander2.post(
                "/api/incidents/" + id + "/orders/dispatch",
                map("version", version, "agency", "HOUSING", "instructions", "迟到的指令"));

        answers.forEach(a -> assertThat(a.status()).as(a.text()).isEqualTo(200));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.id("id"))
                .as("an agency has one active task per incident")
                .isEqualTo(answers.get(0).id("id"));
        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        assertThat(late.status()).isEqualTo(409);
        assertThat(recordTypes(id).stream().filter("TASK_ISSUED"::equals)).hasSize(6);
    }

    @Test
    @DisplayName("eight dispatches of one agency to one incident at once: one task, and every answer is it")
    void concurrentDispatchesOfOneAgencyIssueOneTask() throws Exception {
        // Regression: the look for an active task ran before the incident's row lock, so
        // dispatches at once each found none and issued 6-7 tasks to one agency (found by a breaker).
        long id = gasReport(clock.instant()).id("incidentId");
        int version = incidentVersion(id);

        List<Answer> answers = parallel(8, i -> (i % 2 == 0 ? commander : commander2)
                .post(
                        "/api/incidents/" + id + "/orders/dispatch",
                        map("version", version, "agency", "POWER-CO", "instructions", "到场断电 " + i)));

        answers.forEach(a -> assertThat(a.status()).as(a.text()).isEqualTo(200));
        assertThat(answers.stream().map(a -> a.id("id")).distinct()).hasSize(1);
        List<JsonNode> power = new ArrayList<>();
        incident(id).get("tasks").forEach(t -> {
            if (t.get("agency").asString().equals("POWER-CO")) {
                power.add(t);
            }
        });
        assertThat(power).hasSize(1);
    }

    @Test
    void concurrentAcknowledgementsOfOneTaskOneWinsNoLostWrite() throws Exception {
        long id = gasReport(clock.instant()).id("incidentId");
        JsonNode task = taskOf(id, "POLICE-SHUANGTA");

        List<Answer> answers = parallel(
                6,
                i -> step(
                        police,
                        task.get("id").asLong(),
                        "acknowledge",
                        task.get("version").asInt()));

        assertThat(answers.stream().filter(a -> a.status() == 200)).hasSize(1);
        assertThat(answers.stream().map(Answer::status).filter(s -> s == 409 || s == 422))
                .hasSize(5);
        assertThat(recordTypes(id).stream().filter("TASK_ACKNOWLEDGED"::equals)).hasSize(1);
    }

    // ---- idempotency -----------------------------------------------------------------------

    @Test
    void aRetriedReportWithTheSameIdempotencyKeyReturnsTheFirstAnswerAndStoresNothing() throws Exception {
        double[] p = freshPlace();
        Map<String, Object> body = map(
                "channel",
                "110",
                "address",
                "凌源市某街",
                "lat",
                p[0],
                "lon",
                p[1],
                "text",
                "有人打架",
                "category",
                "SOC-PUBLIC-ORDER");
        String key = "test-" + System.nanoTime();
        Answer first = callTaker.post("/api/reports", body, Map.of("Idempotency-Key", key));
        long reports = reportCount();
        long events = eventCount();

        List<Answer> retries = parallel(6, i -> callTaker.post("/api/reports", body, Map.of("Idempotency-Key", key)));

        assertThat(first.status()).isEqualTo(201);
        retries.forEach(r -> {
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.id("reportId")).isEqualTo(first.id("reportId"));
            assertThat(r.id("incidentId")).isEqualTo(first.id("incidentId"));
        });
        assertThat(reportCount()).isEqualTo(reports);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void concurrentFirstRequestsWithOneKeyStoreOneReport() throws Exception {
        double[] p = freshPlace();
        Map<String, Object> body = map(
                "channel",
                "110",
                "address",
                "北票市某路",
                "lat",
                p[0],
                "lon",
                p[1],
                "text",
                "路边有人盗窃电动车",
                "category",
                "SOC-THEFT");
        String key = "race-" + System.nanoTime();
        long reports = reportCount();

        List<Answer> answers = parallel(8, i -> callTaker.post("/api/reports", body, Map.of("Idempotency-Key", key)));

        assertThat(answers.stream().map(a -> a.id("reportId")).distinct()).hasSize(1);
        assertThat(answers.stream().filter(a -> a.status() == 201)).hasSize(1);
        assertThat(reportCount()).isEqualTo(reports + 1);
    }

    @Test
    void aReportResentWithDrillFalseSpeltOutIsTheSameRequest() {
        double[] p = freshPlace();
        String key = "drill-" + System.nanoTime();
        Map<String, Object> report = located("110", "SOC-PUBLIC-ORDER", "有人打架", p);
        Answer first = callTaker.post("/api/reports", report, Map.of("Idempotency-Key", key));
        long reports = reportCount();
        Map<String, Object> spelt = new LinkedHashMap<>(report);
        spelt.put("drill", false);
        Map<String, Object> drill = new LinkedHashMap<>(report);
        drill.put("drill", true);

        Answer again = callTaker.post("/api/reports", spelt, Map.of("Idempotency-Key", key));
        Answer withoutAgain = callTaker.post("/api/reports", report, Map.of("Idempotency-Key", key));
        Answer asDrill = callTaker.post("/api/reports", drill, Map.of("Idempotency-Key", key));

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.id("reportId")).isEqualTo(first.id("reportId"));
        assertThat(withoutAgain.status()).as(withoutAgain.text()).isEqualTo(200);
        assertThat(asDrill.status()).as(asDrill.text()).isEqualTo(422);
        assertThat(asDrill.str("type")).isEqualTo("urn:liandong:problem:idempotency-key-reused");
        assertThat(reportCount()).isEqualTo(reports);

        String spreadKey = "drill-first-" + System.nanoTime();
        Map<String, Object> other = located("110", "SOC-PUBLIC-ORDER", "有人吵架", freshPlace());
        Map<String, Object> otherSpelt = new LinkedHashMap<>(other);
        otherSpelt.put("drill", false);
        Answer spreadFirst = callTaker.post("/api/reports", otherSpelt, Map.of("Idempotency-Key", spreadKey));
        Answer spreadAgain = callTaker.post("/api/reports", other, Map.of("Idempotency-Key", spreadKey));
        assertThat(spreadFirst.status()).as(spreadFirst.text()).isEqualTo(201);
        assertThat(spreadAgain.status()).as(spreadAgain.text()).isEqualTo(200);
        assertThat(spreadAgain.id("reportId")).isEqualTo(spreadFirst.id("reportId"));
    }

    @Test
    void aReportStoredWithTheHashOfDrillFalseSpeltOutStillMatchesItsRetries() {
        double[] p = freshPlace();
        String key = "drill-earlier-" + System.nanoTime();
        Map<String, Object> report = located("110", "SOC-PUBLIC-ORDER", "有人打架", p);
        Answer first = callTaker.post("/api/reports", report, Map.of("Idempotency-Key", key));
        // What an earlier version stored for this request sent with "drill": false: the hash of it spelt out.
        ReportRequest spelt = new ReportRequest(
                "110",
                null,
                null,
                null,
                "朝阳市某处",
                p[0],
                p[1],
                null,
                "有人打架",
                "SOC-PUBLIC-ORDER",
                null,
                null,
                false,
                null,
                null);
        jdbc.sql("UPDATE report SET request_hash = ? WHERE idempotency_key = ?")
                .params(Sha256.hex(json.writeValueAsBytes(spelt)), key)
                .update();
        long reports = reportCount();
        Map<String, Object> withFalse = new LinkedHashMap<>(report);
        withFalse.put("drill", false);
        Map<String, Object> other = new LinkedHashMap<>(report);
        other.put("text", "有人吵架");

        Answer without = callTaker.post("/api/reports", report, Map.of("Idempotency-Key", key));
        Answer spelled = callTaker.post("/api/reports", withFalse, Map.of("Idempotency-Key", key));
        Answer different = callTaker.post("/api/reports", other, Map.of("Idempotency-Key", key));

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(without.status()).as(without.text()).isEqualTo(200);
        assertThat(without.id("reportId")).isEqualTo(first.id("reportId"));
        assertThat(spelled.status()).as(spelled.text()).isEqualTo(200);
        assertThat(different.status()).as(different.text()).isEqualTo(422);
        assertThat(reportCount()).isEqualTo(reports);
    }

    @Test
    void aRepeatedIdempotencyKeyHeaderIsRefusedAndStoresNothing() {
        Map<String, Object> report = located("110", "SOC-PUBLIC-ORDER", "有人打架", freshPlace());
        long reports = reportCount();

        Answer twice =
                callTaker.postRepeating("/api/reports", report, "Idempotency-Key", "a-" + System.nanoTime(), "b");
        Answer batchTwice = callTaker.postRepeating(
                "/api/reports/batch", map("reports", List.of(item(null, report))), "Idempotency-Key", "a", "b");

        assertThat(twice.status()).as(twice.text()).isEqualTo(400);
        assertThat(twice.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(twice.str("detail")).contains("Idempotency-Key").contains("2 times");
        assertThat(batchTwice.status()).as(batchTwice.text()).isEqualTo(400);
        assertThat(batchTwice.json().get("errors").get(0).get("field").asString())
                .isEqualTo("Idempotency-Key");
        assertThat(reportCount()).isEqualTo(reports);
    }

    @Test
    void aReusedIdempotencyKeyWithAnotherBodyIsRefusedAndStoresNothing() {
        double[] p = freshPlace();
        String key = "reuse-" + System.nanoTime();
        callTaker.post(
                "/api/reports",
                map(
                        "channel",
                        "110",
                        "address",
                        "a",
                        "lat",
                        p[0],
                        "lon",
                        p[1],
                        "text",
                        "有人打架",
                        "category",
                        "SOC-PUBLIC-ORDER"),
                Map.of("Idempotency-Key", key));
        long reports = reportCount();

        Answer reused = callTaker.post(
                "/api/reports",
                map(
                        "channel",
                        "110",
                        "address",
                        "b",
                        "lat",
                        p[0],
                        "lon",
                        p[1],
                        "text",
                        "另一件事",
                        "category",
                        "SOC-PUBLIC-ORDER"),
                Map.of("Idempotency-Key", key));

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("type").asString()).isEqualTo("urn:liandong:problem:idempotency-key-reused");
        assertThat(reused.json().get("detail").asString()).contains(key);
        assertThat(reportCount()).isEqualTo(reports);
    }

    // ---- batch intake ----------------------------------------------------------------------

    private static Map<String, Object> located(String channel, String category, String text, double[] p) {
        return map(
                "channel", channel, "address", "朝阳市某处", "lat", p[0], "lon", p[1], "text", text, "category", category);
    }

    private static Map<String, Object> item(String key, Map<String, Object> report) {
        Map<String, Object> item = new LinkedHashMap<>();
        if (key != null) {
            item.put("idempotencyKey", key);
        }
        item.put("report", report);
        return item;
    }

    private Answer batch(List<Map<String, Object>> items) {
        return callTaker.post("/api/reports/batch", map("reports", items));
    }

    @Test
    @DisplayName("a batch of reports: each opened, merged or diverted in order, in one answer; a retry stores nothing")
    void aBatchOfReportsIsAdmittedInOrderAndARetryReplaysIt() {
        double[] fire = freshPlace();
        double[] noise = freshPlace();
        double[] gas = freshPlace();
        String tag = "batch-" + System.nanoTime();
        List<Map<String, Object>> items = List.of(
                item(tag + "-0", located("119", "ACC-FIRE-BUILDING", "仓库着火冒浓烟", fire)),
                item(tag + "-1", located("119", "ACC-FIRE-BUILDING", "仓库那边着火了", fire)),
                item(tag + "-2", located("12345", "SVC-NOISE", "楼下烧烤店深夜噪音扰民", noise)),
                item(null, located("110", "SOC-SUICIDE-GAS", "邻居在家打开燃气阀门要轻生", gas)));
        long reports = reportCount();

        Answer first = batch(items);

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().get("received").asInt()).isEqualTo(4);
        assertThat(first.json().get("stored").asInt()).isEqualTo(4);
        JsonNode results = first.json().get("results");
        assertThat(results.findValues("outcome").stream().map(JsonNode::asString))
                .containsExactly("INCIDENT_OPENED", "MERGED", "DIVERTED", "INCIDENT_OPENED");
        assertThat(results.get(1).get("result").get("incidentId").asLong())
                .as("the second report of the same fire joins the first one's incident, opened in the same batch")
                .isEqualTo(results.get(0).get("result").get("incidentId").asLong());
        assertThat(results.get(3).get("result").get("taskIds")).hasSize(4);
        assertThat(reportCount()).isEqualTo(reports + 4);
        long firstReport = results.get(0).get("result").get("reportId").asLong();
        assertThat(callTaker.get("/api/reports/" + firstReport).str("text")).isEqualTo("仓库着火冒浓烟");
        long events = eventCount();

        Answer retry = batch(items.subList(0, 3));

        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(retry.json().get("replayed").asInt()).isEqualTo(3);
        assertThat(retry.json().get("stored").asInt()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(retry.json().get("results").get(i).get("replayed").asBoolean())
                    .isTrue();
            assertThat(retry.json()
                            .get("results")
                            .get(i)
                            .get("result")
                            .get("reportId")
                            .asLong())
                    .isEqualTo(results.get(i).get("result").get("reportId").asLong());
        }
        assertThat(reportCount()).isEqualTo(reports + 4);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    @DisplayName("a batch with one refused report stores none of it, and the problem names the report")
    void aBatchWithOneRefusedReportStoresNothing() {
        long reports = reportCount();
        long events = eventCount();
        long incidents =
                jdbc.sql("SELECT COUNT(*) FROM incident").query(Long.class).single();
        Map<String, Object> good = located("119", "ACC-FIRE-BUILDING", "仓库着火冒浓烟", freshPlace());
        Map<String, Object> outsideTheCity = new LinkedHashMap<>(located("110", "SOC-THEFT", "电动车被偷", freshPlace()));
        outsideTheCity.put("districtCode", "110101");

        Answer refused = batch(List.of(
                item(null, good),
                item(null, located("110", "SOC-THEFT", "电动车被偷", freshPlace())),
                item(null, outsideTheCity)));
        Answer invalid = batch(List.of(item(null, good), item(null, map("channel", "110", "address", "x"))));
        Answer badChannel =
                batch(List.of(item(null, good), item(null, located("999", "SOC-THEFT", "电动车被偷", freshPlace()))));
        // refused while admitting, after the reports before it were admitted in the same transaction
        Map<String, Object> intoNothing = new LinkedHashMap<>(located("110", "SOC-THEFT", "电动车被偷", freshPlace()));
        intoNothing.put("mergeInto", 987_654_321L);
        Answer unknownTarget = batch(List.of(
                item(null, good),
                item(null, located("12345", "SVC-NOISE", "楼下烧烤店深夜噪音扰民", freshPlace())),
                item(null, intoNothing)));

        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.str("type")).isEqualTo("urn:liandong:problem:unknown-district");
        assertThat(refused.str("detail")).startsWith("reports[2]: ").contains("110101");
        assertThat(refused.json().get("errors").get(0).get("field").asString())
                .isEqualTo("reports[2].report.districtCode");
        assertThat(invalid.status()).as(invalid.text()).isEqualTo(400);
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("reports[1].report.text");
        assertThat(badChannel.status()).as(badChannel.text()).isEqualTo(400);
        assertThat(badChannel.json().get("errors").get(0).get("field").asString())
                .isEqualTo("reports[1].report.channel");
        assertThat(unknownTarget.status()).as(unknownTarget.text()).isEqualTo(422);
        assertThat(unknownTarget.str("type")).isEqualTo("urn:liandong:problem:merge-target-unknown");
        assertThat(unknownTarget.str("detail")).startsWith("reports[2]: ");
        assertThat(reportCount()).isEqualTo(reports);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM incident").query(Long.class).single())
                .isEqualTo(incidents);
    }

    @Test
    @DisplayName("batch keys: one key twice in a batch, or a key reused with another body, refuses the batch")
    void batchIdempotencyKeysAreCheckedBeforeAnythingIsStored() {
        String key = "batch-key-" + System.nanoTime();
        Map<String, Object> fire = located("119", "ACC-FIRE-BUILDING", "仓库着火冒浓烟", freshPlace());
        Map<String, Object> theft = located("110", "SOC-THEFT", "电动车被偷", freshPlace());
        long reports = reportCount();

        Answer twice = batch(List.of(item(key, fire), item(key, theft)));
        assertThat(twice.status()).as(twice.text()).isEqualTo(400);
        assertThat(twice.json().get("errors").get(0).get("field").asString()).isEqualTo("reports[1].idempotencyKey");
        assertThat(twice.str("detail")).contains("reports[0]");
        assertThat(reportCount()).isEqualTo(reports);

        Map<String, Object> misspelt = new LinkedHashMap<>();
        misspelt.put("idempotency_key", key);
        misspelt.put("report", fire);
        Answer typo = batch(List.of(misspelt));
        assertThat(typo.status()).as(typo.text()).isEqualTo(400);
        assertThat(typo.str("detail")).contains("idempotency_key");
        assertThat(reportCount()).isEqualTo(reports);

        Answer headerKey = callTaker.post(
                "/api/reports/batch", map("reports", List.of(item(null, fire))), Map.of("Idempotency-Key", key));
        assertThat(headerKey.status()).as(headerKey.text()).isEqualTo(400);
        assertThat(headerKey.str("detail")).contains("reports[i].idempotencyKey");
        Answer topLevelKey =
                callTaker.post("/api/reports/batch", map("idempotencyKey", key, "reports", List.of(item(null, fire))));
        assertThat(topLevelKey.status()).as(topLevelKey.text()).isEqualTo(400);
        assertThat(topLevelKey.str("detail")).contains("idempotencyKey");
        assertThat(reportCount()).isEqualTo(reports);

        assertThat(batch(List.of(item(key, fire))).status()).isEqualTo(200);
        Answer reused = batch(List.of(item(null, theft), item(key, theft)));
        assertThat(reused.status()).as(reused.text()).isEqualTo(422);
        assertThat(reused.str("type")).isEqualTo("urn:liandong:problem:idempotency-key-reused");
        assertThat(reused.str("detail")).startsWith("reports[1]: ").contains(key);
        assertThat(reportCount()).isEqualTo(reports + 1);
    }

    @Test
    @DisplayName("an empty batch or one of more than 500 reports is refused")
    void batchSizeIsBounded() {
        Map<String, Object> theft = located("110", "SOC-THEFT", "电动车被偷", freshPlace());
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(item(null, theft));
        }
        long reports = reportCount();

        Answer empty = batch(List.of());
        Answer large = batch(tooMany);
        Answer missing = callTaker.post("/api/reports/batch", map());

        assertThat(empty.status()).as(empty.text()).isEqualTo(400);
        assertThat(empty.json().get("errors").get(0).get("field").asString()).isEqualTo("reports");
        assertThat(large.status()).as(large.text()).isEqualTo(400);
        assertThat(large.str("detail")).contains("reports");
        assertThat(large.text()).as("the 501 reports are not repeated back").hasSizeLessThan(2_000);
        assertThat(large.text()).doesNotContain("电动车被偷");
        assertThat(missing.status()).as(missing.text()).isEqualTo(400);
        assertThat(reportCount()).isEqualTo(reports);
    }

    @Test
    @DisplayName("batches naming the same categories in opposite orders at once: none waits for ever, one truth")
    void concurrentBatchesInOppositeCategoryOrdersDoNotDeadlock() throws Exception {
        double[] fire = freshPlace();
        double[] theft = freshPlace();
        double[] noise = freshPlace();
        List<Map<String, Object>> forward = List.of(
                item(null, located("119", "ACC-FIRE-BUILDING", "仓库着火冒浓烟", fire)),
                item(null, located("12345", "SVC-NOISE", "楼下烧烤店深夜噪音扰民", noise)),
                item(null, located("110", "SOC-THEFT", "电动车被偷", theft)));
        List<Map<String, Object>> backward = List.of(forward.get(2), forward.get(1), forward.get(0));

        List<Answer> answers = parallel(8, i -> batch(i % 2 == 0 ? forward : backward));

        Set<Long> fireIncidents = new HashSet<>();
        Set<Long> theftIncidents = new HashSet<>();
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i);
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            JsonNode results = answer.json().get("results");
            int fireAt = i % 2 == 0 ? 0 : 2;
            fireIncidents.add(
                    results.get(fireAt).get("result").get("incidentId").asLong());
            theftIncidents.add(
                    results.get(2 - fireAt).get("result").get("incidentId").asLong());
        }
        assertThat(fireIncidents)
                .as("one fire, reported by eight batches at once")
                .hasSize(1);
        assertThat(theftIncidents)
                .as("one theft, reported by eight batches at once")
                .hasSize(1);
    }

    private long fireOpenedByABatch() {
        Answer opened = batch(List.of(item(null, located("119", "ACC-FIRE-BUILDING", "仓库着火冒浓烟", freshPlace()))));
        return opened.json()
                .get("results")
                .get(0)
                .get("result")
                .get("incidentId")
                .asLong();
    }

    @Test
    @DisplayName("batches joining two chosen incidents in opposite orders at once: all stored, none half")
    void concurrentBatchesMergingIntoChosenIncidentsInOppositeOrders() throws Exception {
        long x = fireOpenedByABatch();
        long y = fireOpenedByABatch();
        java.util.function.LongFunction<Map<String, Object>> into = id -> {
            Map<String, Object> report =
                    new LinkedHashMap<>(located("119", "ACC-FIRE-BUILDING", "又一个电话", freshPlace()));
            report.put("mergeInto", id);
            return item(null, report);
        };
        int batches = 12;

        List<Answer> answers = parallel(
                batches,
                i -> batch(i % 2 == 0 ? List.of(into.apply(x), into.apply(y)) : List.of(into.apply(y), into.apply(x))));

        for (Answer answer : answers) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        }
        long stored = answers.size();
        int countX = jdbc.sql("SELECT report_count FROM incident WHERE id = ?")
                .param(x)
                .query(Integer.class)
                .single();
        int countY = jdbc.sql("SELECT report_count FROM incident WHERE id = ?")
                .param(y)
                .query(Integer.class)
                .single();
        assertThat(countX).as("reports joined to incident x").isEqualTo(1 + stored);
        assertThat(countY).as("reports joined to incident y").isEqualTo(1 + stored);
    }

    @Test
    @DisplayName("one keyed batch sent six times at once, in both orders: each report stored once, no 500")
    void oneKeyedBatchSentManyTimesAtOnceInBothOrdersStoresEachReportOnce() throws Exception {
        String tag = "twice-" + System.nanoTime();
        List<Map<String, Object>> forward = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            forward.add(item(tag + "-" + i, located("12345", "SVC-NOISE", "楼下烧烤店深夜噪音扰民", freshPlace())));
        }
        List<Map<String, Object>> backward = new ArrayList<>(forward);
        java.util.Collections.reverse(backward);

        List<Answer> answers = parallel(6, i -> batch(i % 2 == 0 ? forward : backward));

        for (Answer answer : answers) {
            assertThat(answer.status()).as(answer.text()).isIn(200, 409);
            if (answer.status() == 409) {
                assertThat(answer.str("type")).isEqualTo("urn:liandong:problem:lock-conflict");
            }
        }
        long stored = jdbc.sql("SELECT COUNT(*) FROM report WHERE idempotency_key LIKE ?")
                .param(tag + "-%")
                .query(Long.class)
                .single();
        // all or nothing, never twice: 5 once any copy was answered 200 (on a slow machine every
        // copy may lose its locks and be told to send again, and then nothing is stored)
        assertThat(stored).isEqualTo(answers.stream().anyMatch(a -> a.status() == 200) ? 5 : 0);
    }

    // ---- bad input -------------------------------------------------------------------------

    @Test
    void badReportsAreAnsweredWithProblemDetailsAndStoreNothing() {
        long reports = reportCount();
        long events = eventCount();

        Answer malformed = callTaker.post("/api/reports", "{\"channel\": \"110\", \"text\": ");
        Answer missing = callTaker.post("/api/reports", map("channel", "110", "address", "x"));
        Answer badLatitude =
                callTaker.post("/api/reports", map("channel", "110", "lat", 91.5, "lon", 120.0, "text", "有人打架"));
        Answer hugeText =
                callTaker.post("/api/reports", map("channel", "110", "address", "x", "text", "火".repeat(1_048_576)));
        Answer unknownCategory = callTaker.post(
                "/api/reports", map("channel", "110", "address", "x", "text", "有人打架", "category", "NO-SUCH"));
        Answer unknownChannel = callTaker.post("/api/reports", map("channel", "999", "address", "x", "text", "有人打架"));
        Answer nowhere = callTaker.post("/api/reports", map("channel", "110", "text", "有人打架"));
        Answer future = callTaker.post(
                "/api/reports",
                map(
                        "channel",
                        "110",
                        "address",
                        "x",
                        "text",
                        "有人打架",
                        "receivedAt",
                        clock.instant().plus(Duration.ofDays(1)).toString()));

        for (Answer bad :
                List.of(malformed, missing, badLatitude, hugeText, unknownCategory, unknownChannel, nowhere, future)) {
            assertThat(bad.status())
                    .as(bad.text().substring(0, Math.min(300, bad.text().length())))
                    .isEqualTo(400);
            assertThat(bad.headers().get("content-type")).startsWith("application/problem+json");
            assertThat(bad.json().get("type").asString()).startsWith("urn:liandong:problem:");
            assertThat(bad.json().get("detail").asString()).isNotBlank();
            assertThat(bad.text()).doesNotContain("Exception", "at io.liandong");
        }
        assertThat(missing.json().get("errors").toString()).contains("text");
        assertThat(badLatitude.json().get("errors").toString()).contains("lat", "91.5");
        assertThat(unknownCategory.json().get("errors").toString()).contains("NO-SUCH");
        assertThat(reportCount()).isEqualTo(reports);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    @DisplayName("wrong types, empty bodies and oversized bodies: problem details that name no Java class")
    void wrongTypesAndOversizedBodiesAreRefusedWithoutNamingJavaClasses() {
        // Regression: details quoted Jackson and Spring messages with class and method names.
        long reports = reportCount();

        List<Answer> refused = List.of(
                callTaker.post("/api/reports", ""),
                callTaker.post("/api/reports", "[]"),
                callTaker.post(
                        "/api/reports", "{\"channel\":\"110\",\"address\":\"x\",\"text\":\"t\",\"lat\":\"abc\"}"),
                callTaker.post(
                        "/api/reports", "{\"channel\":\"110\",\"address\":\"x\",\"text\":\"t\",\"severity\":\"V\"}"),
                commander.get("/api/incidents?status=BOGUS"),
                commander.get("/api/tasks?incident=abc"));
        Answer tooLarge = callTaker.post(
                "/api/reports",
                map("channel", "110", "address", "x", "text", "火", "padding", "x".repeat(5 * 1024 * 1024)));

        for (Answer answer : refused) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            assertThat(answer.json().get("type").asString()).startsWith("urn:liandong:problem:");
            assertThat(answer.text())
                    .doesNotContain("io.liandong", "java.lang", "org.springframework", "tools.jackson");
        }
        assertThat(refused.get(3).json().get("errors").toString()).contains("severity", "one of I II III IV");
        assertThat(refused.get(4).json().get("errors").toString()).contains("status", "BOGUS");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("type").asString()).isEqualTo("urn:liandong:problem:too-large");
        assertThat(reportCount()).isEqualTo(reports);
    }

    @Test
    void ordersNamingAnUnknownAgencyAreRefusedAndChangeNothing() {
        long id = gasReport(clock.instant()).id("incidentId");
        int version = incidentVersion(id);
        long events = eventCount();

        Answer unknown = commander.post(
                "/api/incidents/" + id + "/orders/dispatch",
                map("version", version, "agency", "NO-SUCH-AGENCY", "instructions", "去现场"));
        Answer missingIncident = commander.post("/api/incidents/99999999/orders/note", map("version", 0, "text", "x"));

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").toString()).contains("NO-SUCH-AGENCY");
        assertThat(missingIncident.status()).isEqualTo(404);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(incidentVersion(id)).isEqualTo(version);
    }

    @Test
    void aStepFromTheWrongStateIsRefusedWith422NamingTheState() {
        long id = gasReport(clock.instant()).id("incidentId");
        JsonNode task = taskOf(id, "FIRE-BRIGADE");

        Answer arriveFirst = step(
                fire, task.get("id").asLong(), "arrive", task.get("version").asInt());

        assertThat(arriveFirst.status()).isEqualTo(422);
        assertThat(arriveFirst.json().get("detail").asString()).contains("ISSUED");
    }

    // ---- access ----------------------------------------------------------------------------

    @Test
    void anAgencySeesOnlyItsOwnTasks() {
        long id = gasReport(clock.instant()).id("incidentId");
        JsonNode policeTask = taskOf(id, "POLICE-SHUANGTA");

        Answer peek = fire.get("/api/tasks/" + policeTask.get("id").asLong());
        Answer act = step(
                fire,
                policeTask.get("id").asLong(),
                "acknowledge",
                policeTask.get("version").asInt());
        Answer filter = fire.get("/api/tasks?agency=POLICE-SHUANGTA");
        Answer own = fire.get("/api/tasks?limit=1000");
        Answer otherIncidentView = lawEnforcement.get("/api/incidents/" + id);

        assertThat(peek.status()).isEqualTo(404);
        assertThat(act.status()).isEqualTo(404);
        assertThat(filter.status()).isEqualTo(403);
        own.json().forEach(t -> assertThat(t.get("agency").asString()).isEqualTo("FIRE-BRIGADE"));
        assertThat(otherIncidentView.status()).isEqualTo(404);
        assertThat(fire.get("/api/incidents/" + id).json().get("tasks")).hasSize(1);
    }

    @Test
    void aReturnedTaskGoesBackToTheCommandersQueue() {
        long id = gasReport(clock.instant()).id("incidentId");
        JsonNode task = taskOf(id, "GAS-CO");

        Answer returned =
                step(gas, task.get("id").asLong(), "return", task.get("version").asInt(), "reason", "该楼栋不属于本公司供气范围");

        assertThat(returned.status()).as(returned.text()).isEqualTo(200);
        assertThat(returned.str("status")).isEqualTo("RETURNED");
        assertThat(commander.get("/api/tasks?status=RETURNED").text())
                .contains("\"id\":" + task.get("id").asLong());
        assertThat(commander.get("/api/notifications?recipient=COMMANDER").text())
                .contains("TASK_RETURNED");
    }

    @Test
    @DisplayName("a return whose text is longer than a reason holds: 400 naming the field, not 409, task unchanged")
    void aReturnWithATooLongTextIsRefusedAsInvalid() {
        // Regression: a step's text may hold 4000 characters, the return reason 1000; the database
        // refused the longer one and the client was told of a conflict.
        long id = gasReport(clock.instant()).id("incidentId");
        JsonNode task = taskOf(id, "GAS-CO");
        int version = task.get("version").asInt();

        Answer tooLong = step(gas, task.get("id").asLong(), "return", version, "text", "退".repeat(1001));
        Answer longest = step(gas, task.get("id").asLong(), "return", version, "text", "退".repeat(1000));

        assertThat(tooLong.status()).as(tooLong.text()).isEqualTo(400);
        assertThat(tooLong.text()).contains("text").contains("at most 1000 characters, was 1001");
        assertThat(longest.status()).as(longest.text()).isEqualTo(200);
        assertThat(longest.str("status")).isEqualTo("RETURNED");
    }

    @Test
    void theRecordRefusesUpdatesAndDeletesAtTheDatabase() {
        long id = gasReport(clock.instant()).id("incidentId");

        assertThatThrownBy(() -> jdbc.sql("UPDATE incident_event SET actor = 'x' WHERE incident_id = ?")
                        .param(id)
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM incident_event WHERE incident_id = ?")
                        .param(id)
                        .update())
                .hasMessageContaining("append-only");
    }

    static <T> List<T> parallel(int n, java.util.function.IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> task = () -> {
                    start.await();
                    return call.apply(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("tasks filtered by an agency that does not exist: 400 naming it for the hall, 403 for an agency user")
    void tasksOfAnUnknownAgencyAreRefused() {
        Answer hall = commander.get("/api/tasks?agency=FIRE-BRIGAED");
        Answer agencyUser = fire.get("/api/tasks?agency=FIRE-BRIGAED");
        Answer blank = commander.get("/api/tasks?agency=&limit=5");
        Answer known = commander.get("/api/tasks?agency=FIRE-BRIGADE&limit=5");

        assertThat(hall.status()).as(hall.text()).isEqualTo(400);
        assertThat(hall.json().get("errors").get(0).get("field").asString()).isEqualTo("agency");
        assertThat(hall.text()).contains("FIRE-BRIGAED");
        assertThat(agencyUser.status()).as(agencyUser.text()).isEqualTo(403);
        assertThat(blank.status()).as(blank.text()).isEqualTo(200);
        assertThat(known.status()).as(known.text()).isEqualTo(200);
    }
}
