package io.liandong.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import io.liandong.deployment.ReferenceDataTestApplication;
import io.liandong.testing.SimultaneousCreates;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@SpringBootTest(classes = ReferenceDataTestApplication.class)
@AutoConfigureMockMvc
@WithMockUser(username = "admin-3", roles = "ADMIN")
abstract class PlanApiScenarios {

    private static final String PLAN =
            """
            {"version": %d, "nameZh": "燃气泄漏处置预案", "nameEn": "Gas leak", "category": "ACC-GAS-LEAK",
             "minSeverity": "IV", "notify": ["LEADER", "EMERGENCY-MGMT"],
             "tasks": [
               {"agency": "GAS-CO", "taskZh": "关阀断气", "taskEn": "Close the valves",
                "acknowledge": "PT2M", "arrive": "PT15M", "complete": "PT2H"},
               {"agency": "FIRE-BRIGADE", "taskZh": "警戒", "taskEn": "Guard the scene", "acknowledge": "PT2M"}]}""";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    PlanService plans;

    @Autowired
    JdbcClient jdbc;

    @Test
    void showsThePlanOfTheWorkedCase() {
        assertThat(mvc.get().uri("/api/plans/PLAN-GAS-SUICIDE"))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.notify", v -> v.assertThat().asArray().containsExactly("LEADER"))
                .hasPathSatisfying("$.tasks[*].agency", v -> v.assertThat()
                        .asArray()
                        .containsExactly("POLICE-SHUANGTA", "FIRE-BRIGADE", "EMS-120", "GAS-CO"))
                .hasPathSatisfying("$.tasks[0].acknowledge", v -> v.assertThat().isEqualTo("PT2M"));
        assertThat(mvc.get().uri("/api/plans"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.length()")
                .isEqualTo(16);
        assertThat(mvc.get().uri("/api/plans/PLAN-NO-SUCH")).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void replacesThePlansTasksWithTheCurrentVersionAndRefusesAStaleOne() {
        assertThat(put("/api/plans/PLAN-GAS-LEAK", PLAN.formatted(0)))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.tasks[1].seq", v -> v.assertThat().isEqualTo(2));
        Plan plan = plans.find("PLAN-GAS-LEAK").orElseThrow();
        assertThat(plan.tasks()).hasSize(2);
        assertThat(plan.tasks().get(0).arriveWithin()).isEqualTo(Duration.ofMinutes(15));
        assertThat(plan.tasks().get(1).completeWithin()).isNull();
        assertThat(plan.recipients()).containsExactly("LEADER", "EMERGENCY-MGMT");

        assertThat(put("/api/plans/PLAN-GAS-LEAK", PLAN.formatted(0))).hasStatus(HttpStatus.CONFLICT);
        assertThat(put("/api/plans/PLAN-NO-SUCH", PLAN.formatted(0))).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'PLAN_UPDATED' AND actor = 'admin-3'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void createsAPlanThatMatchesAtOnce() {
        MvcTestResult result = post(
                """
                {"code": "PLAN-NOISE-MAJOR", "nameZh": "严重噪音", "nameEn": "Severe noise",
                 "category": "SVC-NOISE", "minSeverity": "II",
                 "tasks": [{"agency": "LAW-ENFORCEMENT", "taskZh": "到场制止", "taskEn": "Stop it"}]}""");

        assertThat(result).hasStatus(HttpStatus.CREATED);
        assertThat(plans.match("SVC-NOISE", io.liandong.shared.Severity.I))
                .map(Plan::code)
                .contains("PLAN-NOISE-MAJOR");
    }

    @Test
    void refusesBadReferencesAndDeadlinesWith400NamingEachValue() {
        assertThat(
                        post(
                                """
                        {"code": "PLAN-BAD", "nameZh": "坏", "nameEn": "Bad", "category": "NO-CATEGORY",
                         "minSeverity": "IV", "notify": ["MAYOR"],
                         "tasks": [{"agency": "NO-AGENCY", "taskZh": "无", "taskEn": "None",
                                    "acknowledge": "PT1H", "arrive": "PT5M"},
                                   {"agency": "GAS-CO", "taskZh": "无", "taskEn": "None", "complete": "2 hours"}]}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying(
                        "$.errors[*].field", v -> v.assertThat().asArray().containsExactly("tasks[1].complete"));
        assertThat(
                        post(
                                """
                        {"code": "PLAN-BAD", "nameZh": "坏", "nameEn": "Bad", "category": "NO-CATEGORY",
                         "minSeverity": "IV", "notify": ["MAYOR"],
                         "tasks": [{"agency": "NO-AGENCY", "taskZh": "无", "taskEn": "None",
                                    "acknowledge": "PT1H", "arrive": "PT5M"}]}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying("$.errors[*].rejectedValue", v -> v.assertThat()
                        .asArray()
                        .containsExactly("NO-CATEGORY", "MAYOR", "NO-AGENCY", "PT1H / PT5M / null"));
        assertThat(
                        post(
                                """
                        {"code": "PLAN-EMPTY", "nameZh": "空", "nameEn": "Empty", "category": "SVC-NOISE",
                         "minSeverity": "IV", "tasks": []}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("tasks"));
    }

    @Test
    void refusesAPlanThatTasksOneAgencyTwiceAndStoresNothing() {
        assertThat(
                        post(
                                """
                        {"code": "PLAN-TWICE", "nameZh": "重复", "nameEn": "Twice", "category": "ACC-GAS-LEAK",
                         "minSeverity": "IV",
                         "tasks": [{"agency": "GAS-CO", "taskZh": "关阀", "taskEn": "Close"},
                                   {"agency": "FIRE-BRIGADE", "taskZh": "警戒", "taskEn": "Guard"},
                                   {"agency": "GAS-CO", "taskZh": "再关", "taskEn": "Close again"}]}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying(
                        "$.errors[*].field", v -> v.assertThat().asArray().containsExactly("tasks[2].agency"))
                .hasPathSatisfying("$.errors[0].message", v -> v.assertThat()
                        .isEqualTo("'GAS-CO' already has tasks[0]: a plan tasks each agency once"));
        assertThat(mvc.get().uri("/api/plans/PLAN-TWICE")).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(put("/api/plans/PLAN-GAS-LEAK", PLAN.formatted(0).replace("FIRE-BRIGADE", "GAS-CO")))
                .hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void refusesAPlanOfMoreThan50TasksNamingTheLimit() {
        String task = "{\"agency\": \"GAS-CO\", \"taskZh\": \"关阀\", \"taskEn\": \"Close\"}";
        String tasks = String.join(",", Collections.nCopies(51, task));
        assertThat(post("{\"code\": \"PLAN-LONG\", \"nameZh\": \"长\", \"nameEn\": \"Long\","
                        + " \"category\": \"ACC-GAS-LEAK\", \"minSeverity\": \"IV\", \"tasks\": [" + tasks + "]}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("tasks"))
                .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().isEqualTo("must have 1 to 50 tasks"));
    }

    @Test
    void namesTheNotifyListAsTheClientWroteIt() {
        String leaders = String.join(",", Collections.nCopies(31, "\"LEADER\""));
        assertThat(post("{\"code\": \"PLAN-LOUD\", \"nameZh\": \"多\", \"nameEn\": \"Loud\","
                        + " \"category\": \"ACC-GAS-LEAK\", \"minSeverity\": \"IV\", \"notify\": [" + leaders + "],"
                        + " \"tasks\": [{\"agency\": \"GAS-CO\", \"taskZh\": \"关阀\", \"taskEn\": \"Close\"}]}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("notify"))
                .hasPathSatisfying(
                        "$.errors[0].message", v -> v.assertThat().isEqualTo("must name at most 30 recipients"));
    }

    @Test
    void plansCreatedAtOnceUnderOneCodeStoreOneAndTellTheOthersItExists() throws Exception {
        SimultaneousCreates.assertOneCreatedPerCode(
                mvc,
                "/api/plans",
                3,
                round -> "PLAN-RACE-" + round,
                round -> PLAN.replace("{\"version\": %d, ", "{\"code\": \"PLAN-RACE-" + round + "\", "));
    }

    private MvcTestResult post(String json) {
        return mvc.post()
                .uri("/api/plans")
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    private MvcTestResult put(String uri, String json) {
        return mvc.put()
                .uri(uri)
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }
}
