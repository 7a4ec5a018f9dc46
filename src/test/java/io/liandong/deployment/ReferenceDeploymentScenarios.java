package io.liandong.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.agency.Agency;
import io.liandong.agency.AgencyKind;
import io.liandong.agency.AgencyService;
import io.liandong.agency.Residency;
import io.liandong.agency.Seat;
import io.liandong.agency.Zone;
import io.liandong.catalog.CatalogService;
import io.liandong.catalog.Category;
import io.liandong.plan.Plan;
import io.liandong.plan.PlanService;
import io.liandong.plan.PlanTask;
import io.liandong.shared.ImportCount;
import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = ReferenceDataTestApplication.class)
abstract class ReferenceDeploymentScenarios {

    private static final List<String> FIXED_AGENCIES = List.of(
            "POLICE-SHUANGTA",
            "POLICE-LONGCHENG",
            "POLICE-CHAOYANGXIAN",
            "POLICE-JIANPING",
            "POLICE-KAZUO",
            "POLICE-BEIPIAO",
            "POLICE-LINGYUAN",
            "FIRE-BRIGADE",
            "EMS-120",
            "GAS-CO",
            "POWER-CO",
            "WATER-CO",
            "LAW-ENFORCEMENT",
            "MARKET-REG",
            "HR-SOCIAL",
            "HOUSING",
            "EMERGENCY-MGMT",
            "CIVIL-AFFAIRS",
            "METEOROLOGY",
            "EARTHQUAKE",
            "PETITIONS",
            "TRAFFIC-POLICE",
            "HEATING-CO",
            "WATER-RESOURCES",
            "ROAD-MAINT",
            "ANIMAL-CONTROL");

    private static final List<String> FIXED_CATEGORIES = List.of(
            "SOC-SUICIDE-GAS",
            "ACC-FIRE-BUILDING",
            "ACC-ROAD-CRASH",
            "ACC-HAZMAT",
            "NAT-WATERLOG",
            "ACC-WATER-MAIN",
            "ACC-POWER-OUTAGE",
            "ACC-ELEVATOR",
            "ACC-COLLAPSE",
            "SOC-CROWD",
            "SOC-MISSING",
            "NAT-BLIZZARD",
            "NAT-EARTHQUAKE",
            "PHE-MEDICAL",
            "ACC-GAS-LEAK",
            "ACC-ALARM",
            "SVC-NOISE",
            "SVC-VENDING",
            "SVC-CONSUMER",
            "SVC-WAGE",
            "SVC-PROPERTY",
            "SVC-STRAY-ANIMAL",
            "SVC-ROAD-FACILITY",
            "SVC-LOCKOUT",
            "SVC-ENQUIRY",
            "SVC-WATER-OUTAGE",
            "SVC-POWER-OUTAGE",
            "SVC-HEATING",
            "SVC-GAS-SERVICE",
            "SVC-PARKING",
            "SVC-SANITATION",
            "SOC-PUBLIC-ORDER",
            "SOC-THEFT",
            "SOC-OTHER-POLICE");

    @Autowired
    AgencyService agencies;

    @Autowired
    CatalogService catalog;

    @Autowired
    PlanService plans;

    @Autowired
    ReferenceDeployment deployment;

    @Autowired
    JdbcClient jdbc;

    @Test
    void loadsTheChaoyangCenterOnFirstStart() {
        assertThat(agencies.all().stream().filter(Agency::member)).hasSize(37);
        assertThat(agencies.zones())
                .extracting(Zone::code)
                .containsExactlyInAnyOrder(
                        "LEADERSHIP",
                        "EMERGENCY-LINKAGE",
                        "GOVERNANCE-LINKAGE",
                        "INTAKE-110",
                        "POLICE-BRANCH",
                        "POLICE-COMMAND");
        assertThat(agencies.seats()).hasSize(102);
        assertThat(plans.all()).hasSizeGreaterThanOrEqualTo(13);
        assertThat(agencies.all()).extracting(Agency::code).containsAll(FIXED_AGENCIES);
        assertThat(catalog.all()).extracting(Category::code).containsAll(FIXED_CATEGORIES);
    }

    @Test
    void givesEveryNonPoliceCategoryAnActiveOwner() {
        assertThat(catalog.all()).filteredOn(category -> !category.police()).allSatisfy(category -> assertThat(
                        category.ownerAgency())
                .as(category.code())
                .isNotNull()
                .satisfies(owner -> assertThat(agencies.find(owner)).isPresent()));
    }

    @Test
    void keepsTheFixedCategoriesAsOtherModulesExpectThem() {
        assertThat(catalog.find("SOC-SUICIDE-GAS")).get().satisfies(c -> {
            assertThat(c.police()).isTrue();
            assertThat(c.divert()).isFalse();
            assertThat(c.defaultPriority()).isEqualTo(Priority.P1);
            assertThat(c.defaultSeverity()).isEqualTo(Severity.III);
            assertThat(c.ownerAgency()).isEqualTo("POLICE-SHUANGTA");
        });
        assertThat(catalog.find("ACC-FIRE-BUILDING")).get().satisfies(c -> {
            assertThat(c.defaultPriority()).isEqualTo(Priority.P1);
            assertThat(c.defaultSeverity()).isEqualTo(Severity.III);
            assertThat(c.ownerAgency()).isEqualTo("FIRE-BRIGADE");
        });
        assertThat(catalog.find("PHE-MEDICAL")).get().satisfies(c -> {
            assertThat(c.police()).isFalse();
            assertThat(c.divert()).isFalse();
        });
        assertThat(catalog.find("SOC-OTHER-POLICE")).get().satisfies(c -> {
            assertThat(c.police()).isTrue();
            assertThat(c.defaultPriority()).isEqualTo(Priority.P3);
            assertThat(c.defaultSeverity()).isEqualTo(Severity.IV);
        });
        Map<String, String> owners = Map.ofEntries(
                Map.entry("SVC-NOISE", "LAW-ENFORCEMENT"),
                Map.entry("SVC-VENDING", "LAW-ENFORCEMENT"),
                Map.entry("SVC-CONSUMER", "MARKET-REG"),
                Map.entry("SVC-WAGE", "HR-SOCIAL"),
                Map.entry("SVC-PROPERTY", "HOUSING"),
                Map.entry("SVC-STRAY-ANIMAL", "ANIMAL-CONTROL"),
                Map.entry("SVC-ROAD-FACILITY", "ROAD-MAINT"),
                Map.entry("SVC-WATER-OUTAGE", "WATER-CO"),
                Map.entry("SVC-POWER-OUTAGE", "POWER-CO"),
                Map.entry("SVC-HEATING", "HEATING-CO"),
                Map.entry("SVC-GAS-SERVICE", "GAS-CO"),
                Map.entry("SVC-PARKING", "TRAFFIC-POLICE"),
                Map.entry("SVC-SANITATION", "LAW-ENFORCEMENT"));
        owners.forEach(
                (code, owner) -> assertThat(catalog.find(code)).get().as(code).satisfies(c -> {
                    assertThat(c.ownerAgency()).isEqualTo(owner);
                    assertThat(c.divert()).isTrue();
                }));
    }

    @Test
    void modelsTheGasSuicideCaseOfTheDesign() {
        Plan plan = plans.match("SOC-SUICIDE-GAS", Severity.IV).orElseThrow();

        assertThat(plan.code()).isEqualTo("PLAN-GAS-SUICIDE");
        assertThat(plan.recipients()).contains("LEADER");
        assertThat(plan.tasks())
                .extracting(PlanTask::agencyCode)
                .containsExactly("POLICE-SHUANGTA", "FIRE-BRIGADE", "EMS-120", "GAS-CO");
        assertThat(plan.tasks().get(0).acknowledgeWithin()).isEqualTo(Duration.ofMinutes(2));
        assertThat(plan.tasks()).extracting(PlanTask::seq).containsExactly(1, 2, 3, 4);
    }

    @Test
    void seatsMemberAgenciesInTheLinkageZones() {
        List<Seat> memberSeats = agencies.seats().stream()
                .filter(seat -> seat.agencyCode() != null
                        && agencies.find(seat.agencyCode()).orElseThrow().member())
                .toList();

        assertThat(memberSeats).hasSize(37);
        assertThat(memberSeats).extracting(Seat::zoneCode).containsOnly("EMERGENCY-LINKAGE", "GOVERNANCE-LINKAGE");
    }

    @Test
    void knowsWhoSitsInTheHallBySeason() {
        Agency heating = agencies.find("HEATING-CO").orElseThrow();
        Agency water = agencies.find("WATER-RESOURCES").orElseThrow();

        assertThat(heating.residency()).isEqualTo(Residency.SEASONAL);
        assertThat(heating.residentOn(LocalDate.of(2026, 1, 15))).isTrue();
        assertThat(heating.residentOn(LocalDate.of(2026, 7, 15))).isFalse();
        assertThat(water.residentOn(LocalDate.of(2026, 7, 15))).isTrue();
        assertThat(agencies.residentOn(LocalDate.of(2026, 7, 15)))
                .contains(water)
                .doesNotContain(heating);
    }

    @Test
    void findsThePoliceSubBureauOfADistrictFirst() {
        assertThat(agencies.covering("211381", AgencyKind.POLICE))
                .extracting(Agency::code)
                .startsWith("POLICE-BEIPIAO")
                .doesNotContain("POLICE-SHUANGTA");
    }

    @Test
    void findsThePoliceSubBureauOfATownshipsCountyFirst() {
        // 211381101 西官营镇, a township of 北票市; 211302001 双塔街道, one of 双塔区
        assertThat(agencies.covering("211381101", AgencyKind.POLICE))
                .extracting(Agency::code)
                .containsExactly("POLICE-BEIPIAO", "TRAFFIC-POLICE");
        assertThat(agencies.covering("211302001", AgencyKind.POLICE))
                .extracting(Agency::code)
                .containsExactly("POLICE-SHUANGTA", "TRAFFIC-POLICE");
    }

    @Test
    void exportsWhatItImportsUnchanged(@TempDir Path folder) throws IOException {
        DeploymentSummary exported = deployment.exportTo(folder);
        Map<String, Integer> versions = categoryVersions();

        List<ImportCount> imported = deployment.importFrom(folder);

        assertThat(imported)
                .containsExactly(
                        new ImportCount("zones", 0, 0, exported.zones()),
                        new ImportCount("agencies", 0, 0, exported.agencies()),
                        new ImportCount("seats", 0, 0, exported.seats()),
                        new ImportCount("categories", 0, 0, exported.categories()),
                        new ImportCount("plans", 0, 0, exported.plans()));
        assertThat(exported.members()).isEqualTo(37);
        assertThat(categoryVersions()).isEqualTo(versions);
        assertThat(Files.readString(folder.resolve("agencies.yaml"))).contains("code: HEATING-CO", "11-01/03-31");
    }

    private Map<String, Integer> categoryVersions() {
        return jdbc
                .sql("SELECT code, version FROM category")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
