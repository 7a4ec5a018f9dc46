package io.liandong.catalog;

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
@WithMockUser(username = "admin-2", roles = "ADMIN")
abstract class CategoryApiScenarios {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    CatalogService catalog;

    @Autowired
    JdbcClient jdbc;

    @Test
    void showsTheTree() {
        assertThat(mvc.get().uri("/api/categories/tree"))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying(
                        "$[*].code",
                        v -> v.assertThat().asArray().containsExactlyInAnyOrder("ACC", "NAT", "PHE", "SOC", "SVC"))
                .hasPathSatisfying(
                        "$[?(@.code == 'SOC')].children[?(@.code == 'SOC-SUICIDE')].children[*].code",
                        v -> v.assertThat().asArray().containsExactly("SOC-SUICIDE-GAS"));
    }

    @Test
    void showsOneCategoryWithItsVersion() {
        assertThat(mvc.get().uri("/api/categories/SVC-NOISE"))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.owner", v -> v.assertThat().isEqualTo("LAW-ENFORCEMENT"))
                .hasPathSatisfying("$.divert", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(0));
        assertThat(mvc.get().uri("/api/categories/NO-SUCH")).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void createsACategoryTheClassifierKnowsAtOnce() {
        MvcTestResult result = post(
                """
                {"code": "SVC-SNOW-ROOF", "parent": "SVC", "nameZh": "屋顶积雪", "nameEn": "Snow on a roof",
                 "police": false, "priority": "P3", "severity": "IV", "owner": "HOUSING",
                 "keywords": ["屋顶积雪", "雪压塌棚子", "snow on the roof"]}""");

        assertThat(result).hasStatus(HttpStatus.CREATED).bodyJson().hasPathSatisfying("$.divert", v -> v.assertThat()
                .isEqualTo(true));
        assertThat(catalog.classify("我家屋顶积雪太厚了").best())
                .map(Suggestion::category)
                .contains("SVC-SNOW-ROOF");
        assertThat(audits("CATEGORY_CREATED", "SVC-SNOW-ROOF")).isEqualTo(1);
    }

    @Test
    void refusesAnUnknownOwnerAndParentWith400() {
        assertThat(
                        post(
                                """
                        {"code": "SVC-X", "parent": "SVC-NOPE", "nameZh": "某", "nameEn": "X", "police": false,
                         "priority": "P4", "severity": "IV", "owner": "NO-AGENCY"}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying(
                        "$.errors[*].rejectedValue",
                        v -> v.assertThat().asArray().containsExactlyInAnyOrder("SVC-NOPE", "NO-AGENCY"));
    }

    @Test
    void refusesANonPoliceCategoryWithoutOwnerAndADivertedPoliceOne() {
        assertThat(
                        post(
                                """
                        {"code": "SVC-Y", "parent": "SVC", "nameZh": "某", "nameEn": "Y", "police": false,
                         "priority": "P4", "severity": "IV"}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("owner"));
        assertThat(
                        post(
                                """
                        {"code": "SOC-Y", "parent": "SOC", "nameZh": "某", "nameEn": "Y", "police": true,
                         "divert": true, "priority": "P4", "severity": "V"}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying(
                        "$.errors[*].field",
                        v -> v.assertThat().asArray().containsExactlyInAnyOrder("severity", "divert"));
    }

    @Test
    void refusesADuplicateWith409() {
        assertThat(
                        post(
                                """
                        {"code": "SVC-NOISE", "parent": "SVC", "nameZh": "噪音", "nameEn": "Noise", "police": false,
                         "priority": "P4", "severity": "IV", "owner": "LAW-ENFORCEMENT"}"""))
                .hasStatus(HttpStatus.CONFLICT);
    }

    @Test
    void updatesWithTheCurrentVersionAndRefusesAStaleOne() {
        String body =
                """
                {"version": %d, "parent": "SVC", "nameZh": "占道经营", "nameEn": "Street vending",
                 "police": false, "priority": "P3", "severity": "IV", "owner": "MARKET-REG",
                 "keywords": ["占道经营", "摆摊"]}""";

        assertThat(put("/api/categories/SVC-VENDING", body.formatted(0)))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(1));
        assertThat(catalog.find("SVC-VENDING"))
                .get()
                .extracting(Category::ownerAgency)
                .isEqualTo("MARKET-REG");
        assertThat(put("/api/categories/SVC-VENDING", body.formatted(0))).hasStatus(HttpStatus.CONFLICT);
        assertThat(put("/api/categories/SVC-NO-SUCH", body.formatted(0))).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(audits("CATEGORY_UPDATED", "SVC-VENDING")).isEqualTo(1);
    }

    @Test
    void refusesToPutACategoryBelowItself() {
        assertThat(
                        put(
                                "/api/categories/SOC-SUICIDE",
                                """
                        {"version": 0, "parent": "SOC-SUICIDE-GAS", "nameZh": "轻生", "nameEn": "Suicide",
                         "police": true, "priority": "P1", "severity": "III", "owner": "POLICE-SHUANGTA"}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("parent"));
    }

    @Test
    void categoriesCreatedAtOnceUnderOneCodeStoreOneAndTellTheOthersItExists() throws Exception {
        SimultaneousCreates.assertOneCreatedPerCode(
                mvc,
                "/api/categories",
                3,
                round -> "SVC-RACE-" + round,
                round -> "{\"code\": \"SVC-RACE-" + round + "\", \"parent\": \"SVC\", \"nameZh\": \"同时\","
                        + " \"nameEn\": \"At once\", \"police\": false, \"priority\": \"P4\", \"severity\": \"IV\","
                        + " \"owner\": \"HOUSING\"}");
    }

    private MvcTestResult post(String json) {
        return mvc.post()
                .uri("/api/categories")
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
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = ? AND target = ? AND actor = 'admin-2'")
                .params(action, target)
                .query(Integer.class)
                .single();
    }
}
