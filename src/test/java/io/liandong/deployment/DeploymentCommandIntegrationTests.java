package io.liandong.deployment;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.LiandongApplication;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code liandong deployment check|export|import}, run as the jar runs it, on an embedded H2 of its own. */
class DeploymentCommandIntegrationTests {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return DeploymentCommand.execute(
                LiandongApplication.class,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
    }

    private String home() {
        return "--liandong.home=" + folder.resolve("home");
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A center started on the test's data folder, as a user would have started one before. */
    private ConfigurableApplicationContext center() {
        return new SpringApplicationBuilder(LiandongApplication.class)
                .run(
                        home(),
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--liandong.scheduling.enabled=false",
                        "--spring.main.banner-mode=off");
    }

    @Test
    void exportsChecksAndImportsAnEditedPlanAndRefusesABrokenOneWritingNothing() throws Exception {
        Path exported = folder.resolve("exported");
        // The command works on a center's database; a center's first start creates it. (Run in this
        // JVM, the command could open the database beside the center; in its own process it could not.)
        center().close();
        assertThat(run("export", exported.toString(), home())).as(err()).isEqualTo(DeploymentCommand.OK);
        assertThat(out()).contains("49 agencies", "16 plans");
        assertThat(exported.resolve("plans.yaml")).content().contains("PLAN-GAS-SUICIDE", "Attempted suicide by gas");

        assertThat(run("check", exported.toString(), home())).as(err()).isEqualTo(DeploymentCommand.OK);
        assertThat(out()).contains("no problems");

        Path broken = Files.createDirectory(folder.resolve("broken"));
        Files.writeString(
                broken.resolve("plans.yaml"),
                """
                plans:
                  - code: PLAN-CLI-TWICE
                    nameZh: 两次
                    nameEn: Twice
                    category: ACC-GAS-LEAK
                    minSeverity: IV
                    tasks:
                      - {agency: GAS-CO, taskZh: 关阀, taskEn: Close}
                      - {agency: NO-SUCH-AGENCY, taskZh: 无, taskEn: Nobody}
                      - {agency: GAS-CO, taskZh: 再关, taskEn: Close again}
                """);
        assertThat(run("check", broken.toString(), home())).isEqualTo(DeploymentCommand.REFUSED);
        assertThat(err())
                .contains("2 problems; nothing was written")
                .contains("plans.yaml: plan PLAN-CLI-TWICE: task 2: agency 'NO-SUCH-AGENCY' is not an agency")
                .contains("plans.yaml: plan PLAN-CLI-TWICE: task 3: agency 'GAS-CO' already has task 1");
        assertThat(run("import", broken.toString(), home())).isEqualTo(DeploymentCommand.REFUSED);
        assertThat(err()).contains("nothing was written");
        Path notAFile = Files.createDirectories(folder.resolve("not-a-file").resolve("plans.yaml"));
        for (String action : new String[] {"check", "import"}) {
            assertThat(run(action, notAFile.getParent().toString(), home()))
                    .as(action)
                    .isEqualTo(DeploymentCommand.REFUSED);
            assertThat(err())
                    .contains("1 problem; nothing was written")
                    .contains("plans.yaml: " + notAFile.toAbsolutePath() + " is a folder, not a file");
        }

        Path edited = Files.createDirectory(folder.resolve("edited"));
        Files.writeString(
                edited.resolve("plans.yaml"),
                Files.readString(exported.resolve("plans.yaml"))
                        .replace("Attempted suicide by gas", "Suicide attempt with gas"));
        assertThat(run("import", edited.toString(), home())).as(err()).isEqualTo(DeploymentCommand.OK);
        assertThat(out())
                .isEqualTo("Imported " + edited.toAbsolutePath() + ":\n  plans: 1 changed, 0 created, 15 unchanged\n");

        assertThat(run("import", exported.toString(), home())).as(err()).isEqualTo(DeploymentCommand.OK);
        assertThat(out().lines().skip(1))
                .as("the export imported again: what the export wrote, save the edited plan's name")
                .containsExactly(
                        "  zones: 0 changed, 0 created, 6 unchanged",
                        "  agencies: 0 changed, 0 created, 49 unchanged",
                        "  seats: 0 changed, 0 created, 102 unchanged",
                        "  categories: 0 changed, 0 created, 68 unchanged",
                        "  plans: 1 changed, 0 created, 15 unchanged");
        assertThat(run("import", edited.toString(), home())).as(err()).isEqualTo(DeploymentCommand.OK);

        Path again = folder.resolve("again");
        assertThat(run("export", again.toString(), home())).as(err()).isEqualTo(DeploymentCommand.OK);
        assertThat(again.resolve("plans.yaml"))
                .content()
                .contains("Suicide attempt with gas")
                .doesNotContain("Attempted suicide by gas", "PLAN-CLI-TWICE");
        Path blocked = Files.createDirectories(folder.resolve("blocked").resolve("plans.yaml"));
        Files.writeString(blocked.resolve("notes.txt"), "a folder where the export wants a file");
        assertThat(run("export", blocked.getParent().toString(), home())).isEqualTo(DeploymentCommand.FAILED);
        assertThat(err()).contains("cannot write the deployment to", "plans.yaml");
        try (var written = Files.list(blocked.getParent())) {
            assertThat(written.map(p -> p.getFileName().toString()))
                    .as("a failed export writes none of the files")
                    .containsExactly("plans.yaml");
        }
        try (var beside = Files.list(folder)) {
            assertThat(beside.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(".liandong-export"));
        }

        try (Connection db = DriverManager.getConnection(
                        "jdbc:h2:file:" + folder.resolve("home/db/liandong")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                        "sa",
                        "");
                Statement sql = db.createStatement()) {
            assertThat(single(sql, "SELECT COUNT(*) FROM plan WHERE code = 'PLAN-CLI-TWICE'"))
                    .isZero();
            assertThat(single(
                            sql,
                            "SELECT COUNT(*) FROM audit_event"
                                    + " WHERE actor = 'command-line' AND action = 'PLANS_IMPORTED'"
                                    + " AND detail = 'plans: 1 changed, 0 created, 15 unchanged'"))
                    .as("the three imports, each changing the one plan")
                    .isEqualTo(3);
            assertThat(single(
                            sql,
                            "SELECT COUNT(*) FROM audit_event WHERE actor = 'command-line'"
                                    + " AND action = 'AGENCIES_IMPORTED' AND detail = 'zones: 0 changed, 0 created,"
                                    + " 6 unchanged; agencies: 0 changed, 0 created, 49 unchanged; seats: 0 changed,"
                                    + " 0 created, 102 unchanged'"))
                    .isEqualTo(1);
        }
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void leavesNoFileBehindWhenARunningCenterHoldsTheDatabase() throws Exception {
        center().close();
        Path db = folder.resolve("home/db");
        // A center may have left a trace file of its own: without it, one the command writes shows.
        Files.deleteIfExists(db.resolve("liandong.trace.db"));
        List<String> before = fileNames(db);
        // A center in a process of its own holds the file (in this JVM, H2 would share its database).
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.h2.tools.Shell",
                        "-url",
                        "jdbc:h2:file:" + db.resolve("liandong") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                        "-user",
                        "sa",
                        "-password",
                        "")
                .redirectErrorStream(true)
                .start();
        try (BufferedReader shell = new BufferedReader(new InputStreamReader(holder.getInputStream(), UTF_8));
                Writer sql = new OutputStreamWriter(holder.getOutputStream(), UTF_8)) {
            sql.write("SELECT 'HOLDING' AS state;\n");
            sql.flush();
            for (String line = shell.readLine(); !"HOLDING".equals(line); line = shell.readLine()) {
                assertThat(line).as("the holder's output").isNotNull();
            }

            assertThat(run("export", folder.resolve("out").toString(), home())).isEqualTo(DeploymentCommand.FAILED);
            assertThat(err()).contains("stop the center first");
            assertThat(fileNames(db)).as("the files of the data folder").isEqualTo(before);
            assertThat(folder.resolve("out")).doesNotExist();
        } finally {
            holder.destroy();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> fileNames(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void neverCreatesADatabaseWhereNoCenterHasOne() {
        Path typo = folder.resolve("no-center-here");

        assertThat(run("export", folder.resolve("out").toString(), "--liandong.home=" + typo))
                .isEqualTo(DeploymentCommand.FAILED);
        assertThat(err()).contains("no center's database at " + typo.resolve("db/liandong.mv.db"));
        assertThat(typo).doesNotExist();
        assertThat(folder.resolve("out")).doesNotExist();

        Path byUrl = folder.resolve("by-url");
        assertThat(run(
                        "export",
                        folder.resolve("out").toString(),
                        "--spring.datasource.url=jdbc:h2:file:" + byUrl.resolve("liandong") + ";MODE=PostgreSQL"))
                .isEqualTo(DeploymentCommand.FAILED);
        assertThat(err()).contains("not found");
        assertThat(byUrl.resolve("liandong.mv.db")).doesNotExist();
        assertThat(folder.resolve("out")).doesNotExist();
    }

    @Test
    void wrongArgumentsAreAnsweredWithUsageAndStartNothing() throws IOException {
        Path empty = Files.createDirectory(folder.resolve("empty"));

        assertThat(run()).isEqualTo(DeploymentCommand.USAGE);
        assertThat(err()).contains("name an action and a folder", "Usage: liandong deployment");
        assertThat(run("remove", empty.toString())).isEqualTo(DeploymentCommand.USAGE);
        assertThat(run("check", folder.resolve("missing").toString())).isEqualTo(DeploymentCommand.USAGE);
        assertThat(err()).contains("is not a folder");
        assertThat(run("import", empty.toString())).isEqualTo(DeploymentCommand.USAGE);
        assertThat(err()).contains("holds none of zones.yaml, agencies.yaml, seats.yaml, categories.yaml, plans.yaml");
        assertThat(run("check", empty.toString(), "server.port=1")).isEqualTo(DeploymentCommand.USAGE);
        assertThat(err()).contains("expected --property=value, was: server.port=1");
        assertThat(run("--help")).isEqualTo(DeploymentCommand.OK);
        assertThat(out()).contains("liandong deployment export FOLDER");
        assertThat(folder.resolve("home")).doesNotExist();
    }
}
