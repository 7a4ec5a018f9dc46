package io.liandong.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liandong.agency.AgencyService;
import io.liandong.plan.PlanService;
import io.liandong.testing.Databases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Imports over the loaded reference deployment; a database of its own, since it changes the data. */
@SpringBootTest(classes = ReferenceDataTestApplication.class)
class ReferenceImportIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Autowired
    AgencyService agencies;

    @Autowired
    PlanService plans;

    @Autowired
    ReferenceDeployment deployment;

    @Autowired
    JdbcClient jdbc;

    @Test
    void refusesAFolderWithABrokenReferenceAndWritesNothing(@TempDir Path folder) throws IOException {
        Files.writeString(
                folder.resolve("plans.yaml"),
                """
                plans:
                  - code: PLAN-BROKEN
                    nameZh: 坏预案
                    nameEn: Broken plan
                    category: SOC-NO-SUCH
                    minSeverity: IV
                    notify: [LEADER]
                    tasks:
                      - agency: GAS-C0
                        taskZh: 检测
                        taskEn: Measure
                """);
        Files.writeString(
                folder.resolve("seats.yaml"),
                """
                seats:
                  - code: S-999
                    zone: NO-ZONE
                    label: 测试席
                    role: CALL_TAKER
                """);

        assertThatThrownBy(() -> deployment.importFrom(folder))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessageContaining("plans.yaml: plan PLAN-BROKEN: category 'SOC-NO-SUCH' is not a category")
                .hasMessageContaining("plans.yaml: plan PLAN-BROKEN: task 1: agency 'GAS-C0' is not an agency")
                .hasMessageContaining("seats.yaml: seat S-999: zone 'NO-ZONE' is not a zone");
        assertThat(plans.find("PLAN-BROKEN")).isEmpty();
        assertThat(agencies.seat("S-999")).isEmpty();
    }

    @Test
    void importsAPartialFolderAndRecordsItInTheAuditTrail(@TempDir Path folder) throws IOException {
        Files.writeString(
                folder.resolve("zones.yaml"),
                """
                zones:
                  - code: TRAINING
                    nameZh: 培训区
                    nameEn: Training
                    platform: GOVERNANCE
                """);

        deployment.importFrom(folder);

        assertThat(agencies.zone("TRAINING")).isPresent();
        assertThat(agencies.zones()).hasSizeGreaterThan(6);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'AGENCIES_IMPORTED'")
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
    }
}
