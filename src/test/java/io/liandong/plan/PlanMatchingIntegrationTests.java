package io.liandong.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.catalog.CatalogService;
import io.liandong.catalog.Category;
import io.liandong.deployment.ReferenceDataTestApplication;
import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import io.liandong.shared.security.Actor;
import io.liandong.testing.Databases;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Which plan an incident calls for. A small tree of its own next to the reference deployment:
 * MX (plans at IV and II) with child MX-A (plans at IV and II) with child MX-A-1 (no plan); MY
 * with one plan at II only.
 */
@SpringBootTest(classes = ReferenceDataTestApplication.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanMatchingIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Autowired
    PlanService plans;

    @Autowired
    CatalogService catalog;

    @BeforeAll
    void aSmallTreeWithPlans() {
        catalog.importAll(
                List.of(category("MX", null), category("MX-A", "MX"), category("MX-A-1", "MX-A"), category("MY", null)),
                Actor.SYSTEM);
        plans.importAll(
                List.of(
                        plan("P-MX", "MX", Severity.IV),
                        plan("P-MX-MAJOR", "MX", Severity.II),
                        plan("P-MX-A", "MX-A", Severity.IV),
                        plan("P-MX-A-MAJOR", "MX-A", Severity.II),
                        plan("P-MY-MAJOR", "MY", Severity.II)),
                Actor.SYSTEM);
    }

    @Test
    void prefersThePlanOfTheCategoryItself() {
        assertThat(code("MX-A", Severity.IV)).isEqualTo("P-MX-A");
    }

    @Test
    void prefersTheExactCategoryEvenOverAGraverPlanOfItsParent() {
        assertThat(code("MX-A", Severity.I)).isEqualTo("P-MX-A-MAJOR");
    }

    @Test
    void takesTheNearestAncestorsPlanWhenTheCategoryHasNone() {
        assertThat(code("MX-A-1", Severity.III)).isEqualTo("P-MX-A");
        assertThat(code("MX-A-1", Severity.II)).isEqualTo("P-MX-A-MAJOR");
    }

    @Test
    void takesThePlanWithTheGravestThresholdTheIncidentReaches() {
        assertThat(code("MX", Severity.III)).isEqualTo("P-MX");
        assertThat(code("MX", Severity.II)).isEqualTo("P-MX-MAJOR");
        assertThat(code("MX", Severity.I)).isEqualTo("P-MX-MAJOR");
    }

    @Test
    void findsNoPlanBelowItsSeverityThreshold() {
        assertThat(plans.match("MY", Severity.III)).isEmpty();
        assertThat(code("MY", Severity.II)).isEqualTo("P-MY-MAJOR");
    }

    @Test
    void findsNoPlanForAnUnknownCategory() {
        assertThat(plans.match("NO-SUCH-CATEGORY", Severity.I)).isEmpty();
    }

    @Test
    void matchesTheReferencePlans() {
        assertThat(code("SOC-SUICIDE-GAS", Severity.III)).isEqualTo("PLAN-GAS-SUICIDE");
        assertThat(code("SOC-SUICIDE", Severity.III)).isEqualTo("PLAN-SUICIDE");
        assertThat(code("ACC-FIRE-BUILDING", Severity.III)).isEqualTo("PLAN-FIRE-BUILDING");
        assertThat(code("ACC-FIRE-BUILDING", Severity.II)).isEqualTo("PLAN-FIRE-BUILDING-MAJOR");
        assertThat(plans.match("SVC-NOISE", Severity.I)).isEmpty();
    }

    private String code(String category, Severity severity) {
        return plans.match(category, severity).map(Plan::code).orElse("none");
    }

    private static Category category(String code, String parent) {
        return new Category(code, parent, code, code, true, false, Priority.P2, Severity.III, null, List.of(), null);
    }

    private static Plan plan(String code, String category, Severity minSeverity) {
        return new Plan(
                code,
                code,
                code,
                category,
                minSeverity,
                List.of("LEADER"),
                List.of(new PlanTask(1, "POLICE-SHUANGTA", "到场", "Attend", null, null, null)));
    }
}
