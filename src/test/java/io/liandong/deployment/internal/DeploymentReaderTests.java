package io.liandong.deployment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liandong.deployment.InvalidDeploymentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentReaderTests {

    private final DeploymentReader reader = new DeploymentReader();

    @Test
    void readsTheBundledDeployment() {
        Deployment deployment = reader.read(DeploymentSource.classpath("deployment"), true);

        assertThat(deployment.summary().members()).isEqualTo(37);
        assertThat(deployment.zones()).hasSize(6);
        assertThat(deployment.seats()).hasSize(102);
        assertThat(deployment.plans()).hasSizeGreaterThanOrEqualTo(13);
        assertThat(deployment.files()).hasSize(5);
    }

    @Test
    void namesTheFileTheEntryAndTheBadValue(@TempDir Path folder) throws IOException {
        Files.writeString(
                folder.resolve("agencies.yaml"),
                """
                agencies:
                  - code: HEATING-CO
                    nameZh: 热力公司
                    nameEn: Heating company
                    kind: UTILITY
                    residency: SEASONALLY
                    seasons: ["11-01-03-31"]
                    districts: ["211300"]
                  - code: lower-case
                    nameZh: 小写
                    nameEn: Lower case
                    kind: PLUMBER
                    residency: ON_CALL
                    districts: ["211300"]
                """);
        Files.writeString(
                folder.resolve("plans.yaml"),
                """
                plans:
                  - code: PLAN-X
                    nameZh: 预案
                    nameEn: Plan
                    category: ACC-FIRE
                    minSeverity: V
                    tasks:
                      - agency: FIRE-BRIGADE
                        taskZh: 灭火
                        taskEn: Put it out
                        arrive: 15 minutes
                """);

        assertThatThrownBy(() -> reader.read(DeploymentSource.folder(folder), false))
                .isInstanceOfSatisfying(InvalidDeploymentException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "agencies.yaml: agency HEATING-CO: residency must be one of PERMANENT, ON_CALL,"
                                        + " SEASONAL, was 'SEASONALLY'",
                                "agencies.yaml: agency HEATING-CO: seasons: each window must look like MM-dd/MM-dd,"
                                        + " was '11-01-03-31'",
                                "agencies.yaml: agency #2: code must be 1 to 40 upper-case letters, digits and"
                                        + " hyphens, was 'lower-case'",
                                "agencies.yaml: agency #2: kind must be one of POLICE, FIRE, MEDICAL, UTILITY,"
                                        + " GOVERNMENT, ENTERPRISE, was 'PLUMBER'",
                                "plans.yaml: plan PLAN-X: minSeverity must be one of I, II, III, IV, was 'V'",
                                "plans.yaml: plan PLAN-X: task 1: arrive must be an ISO-8601 duration such as PT15M,"
                                        + " was '15 minutes'"));
    }

    /** Writes a zones.yaml of one zone whose last line is {@code lastLine}, and reads the folder. */
    private Deployment readZoneEndingWith(Path folder, String lastLine) throws IOException {
        Files.writeString(
                folder.resolve("zones.yaml"),
                """
                zones:
                  - code: LEADERSHIP
                    nameZh: 领导指挥区
                    nameEn: Leadership command
                """
                        + "    " + lastLine + "\n");
        return reader.read(DeploymentSource.folder(folder), false);
    }

    @Test
    void namesAnUnknownField(@TempDir Path folder) {
        assertThatThrownBy(() -> readZoneEndingWith(folder, "platfrom: CITY-EMERGENCY"))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessageContaining("zones.yaml line 5, column 5: zones[0]: unknown field 'platfrom'; the fields are"
                        + " code, nameEn, nameZh, platform");
    }

    @Test
    void namesTheLineAndTheFieldOfAMisshapenFileAsTheFileHasThem(@TempDir Path folder) throws IOException {
        Files.writeString(
                folder.resolve("agencies.yaml"),
                """
                agencies:
                  - code: HEATING-CO
                    nmeEn: Heating company
                    nameZh: 热力公司
                """);
        Files.writeString(
                folder.resolve("zones.yaml"), "zones:\n  - code: LEADERSHIP\n    nameZh: 领导指挥区\n\tnameEn: x\n");
        Files.writeString(
                folder.resolve("seats.yaml"),
                """
                seats:
                  code: SEAT-1
                  zone: LEADERSHIP
                """);
        Files.writeString(
                folder.resolve("categories.yaml"),
                """
                categories:
                  - [ACC-FIRE, ACC-GAS-LEAK]
                """);
        Files.writeString(
                folder.resolve("plans.yaml"),
                """
                plans:
                  - code: PLAN-X
                    nameZh: 预案
                    nameEn: Plan
                    category: ACC-FIRE
                    minSeverity: IV
                    tasks:
                      - agency: [FIRE-BRIGADE, GAS-CO]
                        taskZh: 灭火
                        taskEn: Put it out
                """);

        assertThatThrownBy(() -> reader.read(DeploymentSource.folder(folder), false))
                .isInstanceOfSatisfying(InvalidDeploymentException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "agencies.yaml line 3, column 5: agencies[0]: unknown field 'nmeEn'; the fields are"
                                        + " active, chiefRep, code, districts, kind, member, nameEn, nameZh,"
                                        + " residency, seasons",
                                "zones.yaml line 4, column 1: a TAB character: indent YAML with spaces, never with"
                                        + " TABs",
                                "seats.yaml line 2, column 3: seats must be a list, not a map",
                                "categories.yaml line 2, column 5: categories[0] must be a map of fields, not a list",
                                "plans.yaml line 8, column 17: plans[0].tasks[0].agency must be a text, not a list")
                        .allSatisfy(problem -> assertThat(problem)
                                .doesNotContain("java.", "io.liandong", "Cannot deserialize", "Exception")));
    }

    @Test
    void namesTheFieldOfAValueOfTheWrongKindAndAKeyGivenTwice(@TempDir Path folder) throws IOException {
        Files.writeString(
                folder.resolve("categories.yaml"),
                """
                categories:
                  - code: ACC-FIRE
                    police: maybe
                """);
        Files.writeString(
                folder.resolve("plans.yaml"),
                """
                plans:
                  - code: PLAN-Y
                    notify: POLICE-110
                """);
        Files.writeString(folder.resolve("zones.yaml"), "");

        assertThatThrownBy(() -> reader.read(DeploymentSource.folder(folder), false))
                .isInstanceOfSatisfying(InvalidDeploymentException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "zones.yaml line 1, column 1: the file is empty: it must be a map with the key"
                                        + " 'zones'",
                                "categories.yaml line 3, column 13: categories[0].police must be true or false, not"
                                        + " the text 'maybe'",
                                "plans.yaml line 3, column 13: plans[0].notify must be a list, not the text"
                                        + " 'POLICE-110'"));
    }

    @Test
    void refusesAKeyGivenTwiceInOneEntry(@TempDir Path folder) {
        assertThatThrownBy(() -> readZoneEndingWith(folder, "nameEn: Sneaky second name"))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessageContaining(
                        "zones.yaml line 5, column 5: zones[0].nameEn is given twice: give each field once");
    }

    @Test
    void refusesAFolderNamedAsADeploymentFile(@TempDir Path folder) throws IOException {
        Path plans = Files.createDirectory(folder.resolve("plans.yaml"));

        assertThatThrownBy(() -> readZoneEndingWith(folder, "platform: CITY-EMERGENCY"))
                .isInstanceOfSatisfying(InvalidDeploymentException.class, e -> assertThat(e.problems())
                        .containsExactly("plans.yaml: " + plans.toAbsolutePath() + " is a folder, not a file"));
    }

    @Test
    void refusesALinkToNothingNamedAsADeploymentFile(@TempDir Path folder) throws IOException {
        Path plans = Files.createSymbolicLink(folder.resolve("plans.yaml"), folder.resolve("gone.yaml"));

        assertThatThrownBy(() -> readZoneEndingWith(folder, "platform: CITY-EMERGENCY"))
                .isInstanceOfSatisfying(InvalidDeploymentException.class, e -> assertThat(e.problems())
                        .containsExactly("plans.yaml: " + plans.toAbsolutePath() + " is a link to "
                                + folder.resolve("gone.yaml") + ", which does not exist"));
    }

    @Test
    void needsAllFiveFilesForTheBundledDeploymentAndOneForAFolder(@TempDir Path folder) {
        assertThatThrownBy(() -> reader.read(DeploymentSource.folder(folder), false))
                .hasMessageContaining("expected at least one of agencies.yaml, zones.yaml, seats.yaml,"
                        + " categories.yaml, plans.yaml; found none");
        assertThatThrownBy(() -> reader.read(DeploymentSource.classpath("nowhere"), true))
                .hasMessageContaining("expected all of");
    }
}
