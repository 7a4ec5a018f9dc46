package io.liandong.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.liandong.agency.internal.AgencyAdministration;
import io.liandong.deployment.ReferenceDataTestApplication;
import io.liandong.plan.Plan;
import io.liandong.plan.PlanTask;
import io.liandong.plan.internal.PlanAdministration;
import io.liandong.shared.Severity;
import io.liandong.shared.security.Actor;
import io.liandong.testing.SimultaneousCreates;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = ReferenceDataTestApplication.class)
@AutoConfigureMockMvc
@WithMockUser(username = "admin-1", roles = "ADMIN")
abstract class AgencyApiScenarios {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    AgencyService agencies;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    AgencyAdministration agencyAdministration;

    @Autowired
    PlanAdministration planAdministration;

    @Test
    void listsAgenciesZonesAndSeatsWithTheirVersions() {
        assertThat(mvc.get().uri("/api/agencies"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$[?(@.code == 'GAS-CO')].version")
                .asArray()
                .containsExactly(0);
        assertThat(mvc.get().uri("/api/zones"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.length()")
                .isEqualTo(6);
        assertThat(mvc.get().uri("/api/seats"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.length()")
                .isEqualTo(102);
    }

    @Test
    void showsOneAgency() {
        assertThat(mvc.get().uri("/api/agencies/HEATING-CO"))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.seasons[0]", v -> v.assertThat().isEqualTo("11-01/03-31"))
                .hasPathSatisfying("$.member", v -> v.assertThat().isEqualTo(true));
    }

    @Test
    void answers404ForAnUnknownAgency() {
        assertThat(mvc.get().uri("/api/agencies/NO-SUCH"))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("urn:liandong:problem:not-found"))
                .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("NO-SUCH"));
    }

    @Test
    void createsAnAgencyAndRecordsIt() {
        MvcTestResult result = post(
                "/api/agencies",
                """
                {"code": "BRIDGE-CO", "nameZh": "桥梁公司", "nameEn": "Bridge company", "kind": "UTILITY",
                 "residency": "ON_CALL", "districts": ["211381"], "member": false}""");

        assertThat(result).hasStatus(HttpStatus.CREATED).hasHeader("Location", "/api/agencies/BRIDGE-CO");
        assertThat(agencies.find("BRIDGE-CO")).get().satisfies(a -> assertThat(a.covers("211381"))
                .isTrue());
        assertThat(audits("AGENCY_CREATED", "BRIDGE-CO")).isEqualTo(1);
    }

    @Test
    void refusesADuplicateCodeWith409() {
        assertThat(
                        post(
                                "/api/agencies",
                                """
                        {"code": "GAS-CO", "nameZh": "燃气", "nameEn": "Gas", "kind": "UTILITY",
                         "residency": "PERMANENT", "districts": ["211300"]}"""))
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .hasPathSatisfying("$.detail", v -> v.assertThat().isEqualTo("agency GAS-CO already exists"));
    }

    @Test
    void refusesInvalidFieldsWith400NamingEachRejectedValue() {
        assertThat(
                        post(
                                "/api/agencies",
                                """
                        {"code": "bad code", "nameZh": "", "nameEn": "X", "kind": "UTILITY",
                         "residency": "ON_CALL", "districts": ["2113"]}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying(
                        "$.errors[*].field", v -> v.assertThat().asArray().contains("code", "nameZh", "districts[0]"))
                .hasPathSatisfying(
                        "$.errors[?(@.field == 'code')].rejectedValue",
                        v -> v.assertThat().asArray().containsExactly("bad code"));
        assertThat(
                        post(
                                "/api/agencies",
                                """
                        {"code": "NEW-CO", "nameZh": "新", "nameEn": "New", "kind": "PLUMBER",
                         "residency": "SEASONAL", "districts": ["211300"]}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("kind"))
                .hasPathSatisfying(
                        "$.errors[0].rejectedValue", v -> v.assertThat().isEqualTo("PLUMBER"));
        assertThat(
                        post(
                                "/api/agencies",
                                """
                        {"code": "NEW-CO", "nameZh": "新", "nameEn": "New", "kind": "UTILITY",
                         "residency": "PERMANENT", "districts": ["110105"]}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying(
                        "$.errors[0].rejectedValue", v -> v.assertThat().isEqualTo("110105"));
    }

    @Test
    void refusesAnEmptyListEntryWith400RatherThanFailing() {
        assertThat(
                        post(
                                "/api/agencies",
                                """
                        {"code": "NULL-CO", "nameZh": "空", "nameEn": "Null", "kind": "UTILITY",
                         "residency": "SEASONAL", "seasons": [null], "districts": [null]}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying(
                        "$.errors[*].field",
                        v -> v.assertThat().asArray().containsExactlyInAnyOrder("seasons[0]", "districts[0]"));
    }

    @Test
    void updatesWithTheCurrentVersionAndRefusesAStaleOneWith409() {
        String body =
                """
                {"version": %d, "nameZh": "朝阳市生态环境局", "nameEn": "Ecology and Environment Bureau",
                 "kind": "GOVERNMENT", "residency": "SEASONAL", "seasons": ["05-01/09-30"],
                 "districts": ["211300"], "member": true, "chiefRep": "副局长（首席代表）"}""";

        assertThat(put("/api/agencies/ECOLOGY-ENV", body.formatted(0)))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(1));
        assertThat(agencies.find("ECOLOGY-ENV"))
                .get()
                .extracting(Agency::residency)
                .isEqualTo(Residency.SEASONAL);
        assertThat(put("/api/agencies/ECOLOGY-ENV", body.formatted(0)))
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .hasPathSatisfying(
                        "$.detail",
                        v -> v.assertThat().asString().contains("version 0 is stale, the current version is 1"));
        assertThat(audits("AGENCY_UPDATED", "ECOLOGY-ENV")).isEqualTo(1);
    }

    @Test
    void answers404WhenUpdatingAnUnknownAgency() {
        assertThat(
                        put(
                                "/api/agencies/NO-SUCH",
                                """
                        {"version": 0, "nameZh": "无", "nameEn": "None", "kind": "UTILITY",
                         "residency": "ON_CALL", "districts": ["211300"]}"""))
                .hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void deactivatesInsteadOfDeleting() {
        createAgency("IDLE-CO");

        assertThat(mvc.delete().uri("/api/agencies/IDLE-CO").with(csrf()))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.active", v -> v.assertThat().isEqualTo(false));

        assertThat(agencies.find("IDLE-CO")).get().extracting(Agency::active).isEqualTo(false);
        assertThat(audits("AGENCY_DEACTIVATED", "IDLE-CO")).isEqualTo(1);
    }

    @Test
    void refusesToDeactivateAnAgencyThatCategoriesPlansOrSeatsNameWith409NamingEachAndWritesNothing() {
        assertThat(mvc.delete().uri("/api/agencies/GAS-CO").with(csrf()))
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("urn:liandong:problem:conflict"))
                .hasPathSatisfying("$.detail", v -> v.assertThat()
                        .isEqualTo("agency GAS-CO cannot be deactivated:"
                                + " still owns categories ACC-GAS-LEAK, SVC-GAS-SERVICE;"
                                + " still tasked or notified by plans PLAN-COLLAPSE, PLAN-EARTHQUAKE,"
                                + " PLAN-FIRE-BUILDING, PLAN-FIRE-BUILDING-MAJOR, PLAN-GAS-LEAK,"
                                + " PLAN-GAS-SUICIDE;"
                                + " still has seats S-012: change those first"));
        assertThat(mvc.delete().uri("/api/agencies/WATER-CO").with(csrf()))
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .hasPathSatisfying("$.detail", v -> v.assertThat()
                        .asString()
                        .contains("still owns categories ACC-WATER-MAIN, SVC-WATER-OUTAGE"));
        // Deactivating through PUT with "active": false is the same change.
        assertThat(
                        put(
                                "/api/agencies/WATER-CO",
                                """
                        {"version": 0, "nameZh": "自来水公司", "nameEn": "Water company", "kind": "UTILITY",
                         "residency": "ON_CALL", "districts": ["211300"], "active": false}"""))
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("SVC-WATER-OUTAGE"));

        for (String code : new String[] {"GAS-CO", "WATER-CO"}) {
            assertThat(agencies.find(code)).get().extracting(Agency::active).isEqualTo(true);
            assertThat(version(code)).isZero();
            assertThat(audits("AGENCY_DEACTIVATED", code)).isZero();
            assertThat(audits("AGENCY_UPDATED", code)).isZero();
        }
    }

    @Test
    void refusesToNameAnInactiveAgencyInACategoryAPlanOrASeatWith400OnTheField() {
        createAgency("RETIRED-CO");
        assertThat(mvc.delete().uri("/api/agencies/RETIRED-CO").with(csrf())).hasStatusOk();

        assertThat(
                        post(
                                "/api/categories",
                                """
                        {"code": "SVC-RETIRED", "parent": "SVC", "nameZh": "退役", "nameEn": "Retired",
                         "police": false, "priority": "P3", "severity": "IV", "owner": "RETIRED-CO"}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("owner"))
                .hasPathSatisfying(
                        "$.errors[0].message", v -> v.assertThat().isEqualTo("no such active agency 'RETIRED-CO'"));
        assertThat(
                        post(
                                "/api/plans",
                                """
                        {"code": "PLAN-RETIRED", "nameZh": "退役", "nameEn": "Retired", "category": "ACC-GAS-LEAK",
                         "minSeverity": "IV", "notify": ["RETIRED-CO"],
                         "tasks": [{"agency": "RETIRED-CO", "taskZh": "做", "taskEn": "Do"}]}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying(
                        "$.errors[*].field",
                        v -> v.assertThat().asArray().containsExactlyInAnyOrder("notify", "tasks[0].agency"));
        assertThat(
                        put(
                                "/api/seats/S-034",
                                """
                        {"version": 0, "zone": "EMERGENCY-LINKAGE", "label": "席", "role": "AGENCY_REP",
                         "agency": "RETIRED-CO"}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("agency"));
        assertThat(count("SELECT COUNT(*) FROM category WHERE code = 'SVC-RETIRED'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM plan WHERE code = 'PLAN-RETIRED'"))
                .isZero();
    }

    @Test
    void aPlanBeingSavedWithTheAgencyKeepsItsDeactivationWaitingAndThenRefused() throws Exception {
        createAgency("RACE-PLAN-CO");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<MvcTestResult> deactivation = new TransactionTemplate(transactions).execute(status -> {
                planAdministration.create(planTasking("PLAN-RACE", "RACE-PLAN-CO"), Actor.SYSTEM);
                Future<MvcTestResult> answer = other.submit(() -> mvc.delete()
                        .uri("/api/agencies/RACE-PLAN-CO")
                        .with(user("admin-2").roles("ADMIN"))
                        .with(csrf())
                        .exchange());
                assertThat(stillWaiting(answer))
                        .as("the deactivation waits for the plan")
                        .isTrue();
                return answer;
            });

            assertThat(deactivation.get(30, TimeUnit.SECONDS))
                    .hasStatus(HttpStatus.CONFLICT)
                    .bodyJson()
                    .hasPathSatisfying(
                            "$.detail",
                            v -> v.assertThat().asString().contains("still tasked or notified by plans PLAN-RACE"));
            assertThat(version("RACE-PLAN-CO")).isZero();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aPlanSavedWhileItsAgencyIsBeingDeactivatedWaitsAndIsThenRefused() throws Exception {
        createAgency("RACE-GONE-CO");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<MvcTestResult> save = new TransactionTemplate(transactions).execute(status -> {
                agencyAdministration.deactivate("RACE-GONE-CO", null, Actor.SYSTEM);
                Future<MvcTestResult> answer = other.submit(() -> mvc.post()
                        .uri("/api/plans")
                        .with(user("admin-2").roles("ADMIN"))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                """
                                {"code": "PLAN-RACE-GONE", "nameZh": "竞争", "nameEn": "Race",
                                 "category": "ACC-GAS-LEAK", "minSeverity": "IV",
                                 "tasks": [{"agency": "RACE-GONE-CO", "taskZh": "做", "taskEn": "Do"}]}""")
                        .exchange());
                assertThat(stillWaiting(answer))
                        .as("the plan waits for the deactivation")
                        .isTrue();
                return answer;
            });

            assertThat(save.get(30, TimeUnit.SECONDS))
                    .hasStatus(HttpStatus.BAD_REQUEST)
                    .bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("tasks[0].agency"));
            assertThat(count("SELECT COUNT(*) FROM plan WHERE code = 'PLAN-RACE-GONE'"))
                    .isZero();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void movesASeatAndRefusesAnUnknownZone() {
        assertThat(
                        put(
                                "/api/seats/S-031",
                                """
                        {"version": 0, "zone": "EMERGENCY-LINKAGE", "label": "地震局临时席", "role": "AGENCY_REP",
                         "agency": "EARTHQUAKE"}"""))
                .hasStatusOk();
        assertThat(agencies.seat("S-031")).get().extracting(Seat::agencyCode).isEqualTo("EARTHQUAKE");

        assertThat(
                        put(
                                "/api/seats/S-032",
                                """
                        {"version": 0, "zone": "ROOF", "label": "屋顶席", "role": "AGENCY_REP"}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying(
                        "$.errors[0].rejectedValue", v -> v.assertThat().isEqualTo("ROOF"));
        assertThat(
                        put(
                                "/api/seats/S-033",
                                """
                        {"version": 0, "zone": "LEADERSHIP", "label": "席", "role": "MAYOR"}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("role"));
    }

    @Test
    void agenciesCreatedAtOnceUnderOneCodeStoreOneAndTellTheOthersItExists() throws Exception {
        SimultaneousCreates.assertOneCreatedPerCode(
                mvc,
                "/api/agencies",
                3,
                round -> "RACE-CO-" + round,
                round -> "{\"code\": \"RACE-CO-" + round + "\", \"nameZh\": \"同时\", \"nameEn\": \"At once\","
                        + " \"kind\": \"UTILITY\", \"residency\": \"ON_CALL\", \"districts\": [\"211381\"],"
                        + " \"member\": false}");
    }

    private void createAgency(String code) {
        assertThat(post(
                        "/api/agencies",
                        "{\"code\": \"" + code + "\", \"nameZh\": \"闲置\", \"nameEn\": \"Idle\","
                                + " \"kind\": \"UTILITY\", \"residency\": \"ON_CALL\","
                                + " \"districts\": [\"211381\"], \"member\": false}"))
                .hasStatus(HttpStatus.CREATED);
    }

    private static Plan planTasking(String code, String agency) {
        return new Plan(
                code,
                "竞争",
                "Race",
                "ACC-GAS-LEAK",
                Severity.IV,
                List.of(),
                List.of(new PlanTask(1, agency, "做", "Do", null, null, null)));
    }

    /** Whether the request is still blocked half a second on (it waits for a row lock). */
    private static boolean stillWaiting(Future<MvcTestResult> answer) {
        try {
            answer.get(500, TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException waiting) {
            return true;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private int version(String code) {
        return jdbc.sql("SELECT version FROM agency WHERE code = ?")
                .param(code)
                .query(Integer.class)
                .single();
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    private MvcTestResult post(String uri, String json) {
        return mvc.post()
                .uri(uri)
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

    private int audits(String action, String target) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = ? AND target = ? AND actor = 'admin-1'")
                .params(action, target)
                .query(Integer.class)
                .single();
    }
}
