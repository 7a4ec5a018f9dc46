package io.liandong.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import io.liandong.deployment.ReferenceDataTestApplication;
import io.liandong.testing.SimultaneousCreates;
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
@WithMockUser(username = "admin-1", roles = "ADMIN")
abstract class AgencyApiScenarios {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    AgencyService agencies;

    @Autowired
    JdbcClient jdbc;

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
        assertThat(mvc.delete().uri("/api/agencies/BUS-CO").with(csrf()))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.active", v -> v.assertThat().isEqualTo(false));

        assertThat(agencies.find("BUS-CO")).get().extracting(Agency::active).isEqualTo(false);
        assertThat(audits("AGENCY_DEACTIVATED", "BUS-CO")).isEqualTo(1);
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
