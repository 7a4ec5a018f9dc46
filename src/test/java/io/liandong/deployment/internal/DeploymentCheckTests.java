package io.liandong.deployment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.agency.Agency;
import io.liandong.agency.Residency;
import io.liandong.agency.Seat;
import io.liandong.catalog.Category;
import io.liandong.plan.Plan;
import io.liandong.plan.PlanTask;
import io.liandong.shared.security.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DeploymentCheckTests {

    private static final Deployment BUNDLED =
            new DeploymentReader().read(DeploymentSource.classpath("deployment"), true);

    private static final Set<String> CHAOYANG =
            Set.of("211300", "211302", "211303", "211321", "211322", "211324", "211381", "211382");

    private static final Deployment NOTHING =
            new Deployment(List.of(), List.of(), List.of(), List.of(), List.of(), Set.of());

    @Test
    void acceptsTheBundledDeploymentOnAnEmptyDatabase() {
        assertThat(check(NOTHING, BUNDLED)).isEmpty();
    }

    @Test
    void namesAnUnknownOwnerAgency() {
        Deployment files = withCategory(
                BUNDLED,
                "SVC-NOISE",
                c -> new Category(
                        c.code(),
                        c.parentCode(),
                        c.nameZh(),
                        c.nameEn(),
                        c.police(),
                        c.divert(),
                        c.defaultPriority(),
                        c.defaultSeverity(),
                        "LAW-ENFORCMENT",
                        c.keywords(),
                        c.zoneCode()));

        assertThat(check(NOTHING, files))
                .containsExactly("categories.yaml: category SVC-NOISE: owner 'LAW-ENFORCMENT' is not an agency");
    }

    @Test
    void namesAnUnknownZone() {
        Deployment files = withCategory(
                BUNDLED,
                "SVC",
                c -> new Category(
                        c.code(),
                        c.parentCode(),
                        c.nameZh(),
                        c.nameEn(),
                        c.police(),
                        c.divert(),
                        c.defaultPriority(),
                        c.defaultSeverity(),
                        c.ownerAgency(),
                        c.keywords(),
                        "GOVERNANCE"));

        assertThat(check(NOTHING, files))
                .containsExactly("categories.yaml: category SVC: zone 'GOVERNANCE' is not a zone");
    }

    @Test
    void everyBundledCategoryIsHandledByAZone() {
        Map<String, Category> byCode = new HashMap<>();
        BUNDLED.categories().forEach(c -> byCode.put(c.code(), c));
        for (Category category : BUNDLED.categories()) {
            Category at = category;
            while (at.zoneCode() == null && at.parentCode() != null) {
                at = byCode.get(at.parentCode());
            }
            assertThat(at.zoneCode()).as(category.code()).isNotNull();
        }
    }

    @Test
    void requiresAnOwnerForANonPoliceCategory() {
        Deployment files = withCategory(
                BUNDLED,
                "SVC-WAGE",
                c -> new Category(
                        c.code(),
                        c.parentCode(),
                        c.nameZh(),
                        c.nameEn(),
                        false,
                        true,
                        c.defaultPriority(),
                        c.defaultSeverity(),
                        null,
                        c.keywords(),
                        c.zoneCode()));

        assertThat(check(NOTHING, files))
                .containsExactly("categories.yaml: category SVC-WAGE: a non-police category must name an owner agency");
    }

    @Test
    void namesAnUnknownParentAndACycle() {
        Deployment files = withCategory(
                BUNDLED,
                "ACC-FIRE",
                c -> new Category(
                        c.code(),
                        "ACC-FIRE-BUILDING",
                        c.nameZh(),
                        c.nameEn(),
                        c.police(),
                        c.divert(),
                        c.defaultPriority(),
                        c.defaultSeverity(),
                        c.ownerAgency(),
                        c.keywords(),
                        c.zoneCode()));
        files = withCategory(
                files,
                "NAT-FLOOD",
                c -> new Category(
                        c.code(),
                        "NAT-NOPE",
                        c.nameZh(),
                        c.nameEn(),
                        c.police(),
                        c.divert(),
                        c.defaultPriority(),
                        c.defaultSeverity(),
                        c.ownerAgency(),
                        c.keywords(),
                        c.zoneCode()));

        assertThat(check(NOTHING, files))
                .contains("categories.yaml: category NAT-FLOOD: parent 'NAT-NOPE' is not a category")
                .anySatisfy(p -> assertThat(p)
                        .startsWith("categories.yaml: category ACC-FIRE: parent 'ACC-FIRE-BUILDING' makes a cycle"));
    }

    @Test
    void namesAnUnknownSeatZoneAndAgency() {
        List<Seat> seats = new ArrayList<>(BUNDLED.seats());
        seats.add(new Seat("S-103", "BASEMENT", "地下席", Role.CALL_TAKER, "NO-SUCH-AGENCY"));
        Deployment files = new Deployment(
                BUNDLED.zones(), BUNDLED.agencies(), seats, BUNDLED.categories(), BUNDLED.plans(), Set.of());

        assertThat(check(NOTHING, files))
                .containsExactly(
                        "seats.yaml: seat S-103: zone 'BASEMENT' is not a zone",
                        "seats.yaml: seat S-103: agency 'NO-SUCH-AGENCY' is not an agency");
    }

    @Test
    void namesAnUnknownDistrictAndASeasonalAgencyWithoutSeasons() {
        Deployment files = withAgency(
                BUNDLED,
                "HEATING-CO",
                a -> new Agency(
                        a.code(),
                        a.nameZh(),
                        a.nameEn(),
                        a.kind(),
                        Residency.SEASONAL,
                        List.of(),
                        List.of("211399"),
                        a.member(),
                        a.chiefRep(),
                        true));

        assertThat(check(NOTHING, files))
                .containsExactly(
                        "agencies.yaml: agency HEATING-CO: residency SEASONAL needs at least one season window"
                                + " (seasons: [\"MM-dd/MM-dd\"])",
                        "agencies.yaml: agency HEATING-CO: district '211399' is not the center's city or one of its"
                                + " county-level divisions");
    }

    @Test
    void namesAPlanTaskForAnUnknownAgencyAndDeadlinesOutOfOrder() {
        Deployment files = withPlan(
                BUNDLED,
                "PLAN-ELEVATOR",
                p -> new Plan(
                        p.code(),
                        p.nameZh(),
                        p.nameEn(),
                        p.categoryCode(),
                        p.minSeverity(),
                        List.of("LEADER", "MAYOR"),
                        List.of(
                                new PlanTask(
                                        1,
                                        "ELEVATOR-96333",
                                        "放人",
                                        "Free them",
                                        Duration.ofMinutes(30),
                                        Duration.ofMinutes(5),
                                        null),
                                new PlanTask(2, "NOBODY", "无", "None", null, null, null))));

        assertThat(check(NOTHING, files))
                .containsExactly(
                        "plans.yaml: plan PLAN-ELEVATOR: notify 'MAYOR' is neither a role (CALL_TAKER, COMMANDER,"
                                + " LEADER, AGENCY_REP, AGENCY_CLERK, ANALYST, ADMIN) nor an active agency",
                        "plans.yaml: plan PLAN-ELEVATOR: task 1: deadlines must run acknowledge <= arrive <= complete,"
                                + " were PT30M / PT5M / null",
                        "plans.yaml: plan PLAN-ELEVATOR: task 2: agency 'NOBODY' is not an agency");
    }

    @Test
    void namesAPlanThatTasksOneAgencyTwice() {
        Deployment files = withPlan(BUNDLED, "PLAN-GAS-SUICIDE", p -> {
            List<PlanTask> tasks = new ArrayList<>(p.tasks());
            tasks.add(new PlanTask(tasks.size() + 1, "FIRE-BRIGADE", "再派", "Again", null, null, null));
            return new Plan(p.code(), p.nameZh(), p.nameEn(), p.categoryCode(), p.minSeverity(), p.recipients(), tasks);
        });

        assertThat(check(NOTHING, files))
                .containsExactly("plans.yaml: plan PLAN-GAS-SUICIDE: task 5: agency 'FIRE-BRIGADE' already has task 2:"
                        + " a plan tasks each agency once");
    }

    @Test
    void holdsAPlanToTheLimitsTheApiSavesItWith() {
        Deployment files = withPlan(BUNDLED, "PLAN-GAS-SUICIDE", p -> {
            List<PlanTask> tasks = new ArrayList<>();
            for (int i = 1; i <= 51; i++) {
                tasks.add(new PlanTask(i, p.tasks().get(0).agencyCode(), "任务", "Task", null, null, null));
            }
            return new Plan(
                    p.code(),
                    p.nameZh(),
                    p.nameEn(),
                    p.categoryCode(),
                    p.minSeverity(),
                    Collections.nCopies(31, "LEADER"),
                    tasks);
        });

        assertThat(check(NOTHING, files))
                .contains(
                        "plans.yaml: plan PLAN-GAS-SUICIDE: notify must name at most 30 recipients, named 31",
                        "plans.yaml: plan PLAN-GAS-SUICIDE: a plan has at most 50 tasks, this one 51");
    }

    @Test
    void namesACodeThatAppearsTwice() {
        List<Agency> agencies = new ArrayList<>(BUNDLED.agencies());
        agencies.add(agencies.get(0));
        Deployment files = new Deployment(
                BUNDLED.zones(), agencies, BUNDLED.seats(), BUNDLED.categories(), BUNDLED.plans(), Set.of());

        assertThat(check(NOTHING, files))
                .containsExactly("agencies.yaml: agency EMERGENCY-MGMT: the code appears more than once");
    }

    @Test
    void checksStoredRowsAgainstWhatTheFilesChange() {
        Agency gas = BUNDLED.agencies().stream()
                .filter(a -> a.code().equals("GAS-CO"))
                .findFirst()
                .orElseThrow();
        Deployment onlyAgencies =
                new Deployment(List.of(), List.of(inactive(gas)), List.of(), List.of(), List.of(), Set.of());

        assertThat(check(BUNDLED, onlyAgencies))
                .contains(
                        "stored: seat S-012: agency 'GAS-CO' is inactive",
                        "stored: category ACC-GAS-LEAK: owner 'GAS-CO' is inactive",
                        "stored: plan PLAN-GAS-SUICIDE: task 4: agency 'GAS-CO' is inactive");
    }

    private static List<String> check(Deployment stored, Deployment files) {
        return new DeploymentCheck(stored, CHAOYANG::contains).check(files);
    }

    private static Agency inactive(Agency a) {
        return new Agency(
                a.code(),
                a.nameZh(),
                a.nameEn(),
                a.kind(),
                a.residency(),
                a.seasons(),
                a.districts(),
                a.member(),
                a.chiefRep(),
                false);
    }

    private static Deployment withAgency(Deployment d, String code, UnaryOperator<Agency> change) {
        List<Agency> agencies = d.agencies().stream()
                .map(a -> a.code().equals(code) ? change.apply(a) : a)
                .toList();
        return new Deployment(d.zones(), agencies, d.seats(), d.categories(), d.plans(), Set.of());
    }

    private static Deployment withCategory(Deployment d, String code, UnaryOperator<Category> change) {
        List<Category> categories = d.categories().stream()
                .map(c -> c.code().equals(code) ? change.apply(c) : c)
                .toList();
        return new Deployment(d.zones(), d.agencies(), d.seats(), categories, d.plans(), Set.of());
    }

    private static Deployment withPlan(Deployment d, String code, UnaryOperator<Plan> change) {
        List<Plan> plans = d.plans().stream()
                .map(p -> p.code().equals(code) ? change.apply(p) : p)
                .toList();
        return new Deployment(d.zones(), d.agencies(), d.seats(), d.categories(), plans, Set.of());
    }
}
