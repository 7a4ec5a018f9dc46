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
                                "agencies.yaml line 6, column 16: agencies[0].residency must be one of PERMANENT,"
                                        + " ON_CALL, SEASONAL, was 'SEASONALLY'",
                                "agencies.yaml line 7, column 15: agencies[0].seasons[0] must look like"
                                        + " MM-dd/MM-dd, was '11-01-03-31'",
                                "agencies.yaml line 9, column 11: agencies[1].code must be 1 to 40 upper-case"
                                        + " letters, digits and hyphens, was 'lower-case'",
                                "agencies.yaml line 12, column 11: agencies[1].kind must be one of POLICE, FIRE,"
                                        + " MEDICAL, UTILITY, GOVERNMENT, ENTERPRISE, was 'PLUMBER'",
                                "plans.yaml line 6, column 18: plans[0].minSeverity must be one of I, II, III, IV,"
                                        + " was 'V'",
                                "plans.yaml line 11, column 17: plans[0].tasks[0].arrive must be an ISO-8601"
                                        + " duration such as PT15M, was '15 minutes'"));
    }

    @Test
    void namesTheLineAndColumnOfABadEnumValueAndListsTheValuesItMayHave(@TempDir Path folder) throws IOException {
        Files.writeString(
                folder.resolve("categories.yaml"),
                """
                categories:
                  - code: ACC-FIRE
                    nameZh: 火灾
                    nameEn: Fire
                    police: false
                    priority: P1
                    severity: III
                  - code: ACC-GAS-LEAK
                    nameZh: 燃气泄漏
                    nameEn: Gas leak
                    police: false
                    priority:   P9
                    severity: "V"
                  - code: SVC-NOISE
                    nameZh: 噪声
                    nameEn: Noise
                    police: false
                    severity:
                """);

        assertThatThrownBy(() -> reader.read(DeploymentSource.folder(folder), false))
                .isInstanceOfSatisfying(InvalidDeploymentException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "categories.yaml line 12, column 17: categories[1].priority must be one of P1, P2,"
                                        + " P3, P4, was 'P9'",
                                "categories.yaml line 13, column 15: categories[1].severity must be one of I, II,"
                                        + " III, IV, was 'V'",
                                // Left out: where the entry starts. Given empty: where the value would be.
                                "categories.yaml line 14, column 5: categories[2].priority must be one of P1, P2, P3,"
                                        + " P4, was missing",
                                "categories.yaml line 18, column 14: categories[2].severity must be one of I, II,"
                                        + " III, IV, was missing"));
    }

    @Test
    void namesTheLineAndColumnOfABadDurationOfATask(@TempDir Path folder) throws IOException {
        Files.writeString(
                folder.resolve("plans.yaml"),
                """
                plans:
                  - code: PLAN-X
                    nameZh: 预案
                    nameEn: Plan
                    category: ACC-FIRE
                    tasks: []
                  - code: PLAN-Y
                    nameZh: 预案
                    nameEn: Plan
                    category: ACC-FIRE
                    minSeverity: IV
                    tasks:
                      - {agency: FIRE-BRIGADE, taskZh: 灭火, taskEn: Put it out, acknowledge: PT2M}
                      - agency: GAS-CO
                        taskZh: 关阀
                        taskEn: Shut the valve
                      - agency: POLICE-110
                        taskZh: 警戒
                        taskEn: Cordon
                        acknowledge: 5 minutes
                        arrive: PT10M
                """);

        assertThatThrownBy(() -> reader.read(DeploymentSource.folder(folder), false))
                .isInstanceOfSatisfying(InvalidDeploymentException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "plans.yaml line 2, column 5: plans[0].minSeverity must be one of I, II, III, IV,"
                                        + " was missing",
                                "plans.yaml line 20, column 22: plans[1].tasks[2].acknowledge must be an ISO-8601"
                                        + " duration such as PT15M, was '5 minutes'"));
    }

    @Test
    void refusesAYamlAliasAtItsLineRatherThanReadingItsName(@TempDir Path folder) throws IOException {
        // The parser reads an alias as the text of its name: taskEn would be 'out', kind 'k'.
        Files.writeString(
                folder.resolve("plans.yaml"),
                """
                plans:
                  - code: PLAN-X
                    nameZh: 预案
                    nameEn: &out Put it out
                    category: ACC-FIRE
                    minSeverity: IV
                    tasks:
                      - agency: FIRE-BRIGADE
                        taskZh: 灭火
                        taskEn: *out
                """);
        Files.writeString(
                folder.resolve("agencies.yaml"),
                """
                agencies:
                  - &fire
                    code: FIRE-BRIGADE
                    nameZh: 消防
                    nameEn: Fire brigade
                    kind: FIRE
                    residency: PERMANENT
                  - <<: *fire
                    code: FIRE-BRIGADE-2
                  - *fire
                """);

        assertThatThrownBy(() -> reader.read(DeploymentSource.folder(folder), false))
                .isInstanceOfSatisfying(InvalidDeploymentException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "agencies.yaml line 8, column 9: agencies[1].<< is the alias *fire: YAML aliases"
                                        + " (*name, <<: *name) are not supported in deployment files; write the"
                                        + " value out in full",
                                "agencies.yaml line 10, column 5: agencies[2] is the alias *fire: YAML aliases"
                                        + " (*name, <<: *name) are not supported in deployment files; write the"
                                        + " value out in full",
                                "plans.yaml line 10, column 17: plans[0].tasks[0].taskEn is the alias *out: YAML"
                                        + " aliases (*name, <<: *name) are not supported in deployment files; write"
                                        + " the value out in full"));
    }

    @Test
    void readsAnAnchorThatNoAliasUses(@TempDir Path folder) throws IOException {
        Files.writeString(
                folder.resolve("zones.yaml"),
                """
                zones:
                  - &leadership
                    code: &code LEADERSHIP
                    nameZh: 领导指挥区
                    nameEn: Leadership command
                    platform: CITY-EMERGENCY
                """);

        assertThat(reader.read(DeploymentSource.folder(folder), false).zones())
                .singleElement()
                .satisfies(zone -> assertThat(zone.code()).isEqualTo("LEADERSHIP"));
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
