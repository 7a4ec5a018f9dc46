package io.liandong.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.replay.ReplayRunner;
import io.liandong.replay.ReplaySettings;
import io.liandong.replay.ReplaySummary;
import io.liandong.testing.Api;
import io.liandong.testing.Databases;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The console in a real browser (Debian's headless Chromium): the gas case of DESIGN.md §1 from
 * the call taker's keyboard to the agencies' inboxes (the police report back with a photo),
 * every other console following live, and a
 * screenshot of every screen in both languages at 1366×768 and 1920×1080 under
 * {@code target/screenshots/}. Skipped, with the reason, where Chromium or the built console is
 * missing; on CI ({@code CI=true}) that is a failure instead.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=" + ConsoleEndToEndIntegrationTests.ADMIN_PASSWORD,
            "liandong.security.demo-password=" + ConsoleEndToEndIntegrationTests.DEMO_PASSWORD,
            "liandong.security.demo-accounts=true",
            "liandong.home=target/test-home-console-e2e",
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleEndToEndIntegrationTests {

    static final String ADMIN_PASSWORD = "admin-Secret-123";
    static final String DEMO_PASSWORD = "demo-Secret-123";
    static final String CONSOLE_INDEX = "target/classes/static/index.html";
    private static final Pattern INCIDENT_LINK = Pattern.compile("/incidents/(\\d+)");

    @LocalServerPort
    int port;

    static long gasIncident;
    static long gasCompanyTask;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @BeforeAll
    static void browserAndConsoleAreThere() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String missing = !Files.isExecutable(ConsoleBrowser.CHROMIUM)
                ? ConsoleBrowser.CHROMIUM + " is not installed (apt-get install chromium chromium-driver)"
                : !Files.isExecutable(ConsoleBrowser.CHROMEDRIVER)
                        ? ConsoleBrowser.CHROMEDRIVER + " is not installed (apt-get install chromium-driver)"
                        : !Files.exists(Path.of(CONSOLE_INDEX))
                                ? CONSOLE_INDEX + " is missing: the console was not built (-Dskip.frontend=true?)"
                                : null;
        if (missing != null && ci) {
            Assertions.fail("console end-to-end tests cannot run on CI: " + missing);
        }
        Assumptions.assumeTrue(missing == null, () -> "console end-to-end tests skipped: " + missing);
    }

    private ConsoleBrowser as(String user, String lang) {
        ConsoleBrowser browser = new ConsoleBrowser(port, 1366, 768);
        browser.login(user, user.equals("admin") ? ADMIN_PASSWORD : DEMO_PASSWORD, lang);
        return browser;
    }

    @Test
    @Order(0)
    @DisplayName("a real recorded log (NYC 311, moved to today) fills the center before the screens are shot")
    void replaysARealLogFirst() throws Exception {
        ReplaySettings settings = ReplaySettings.of(
                        Path.of("samples/nyc-311/nyc-311-2024-05-26.csv"),
                        URI.create("http://127.0.0.1:" + port),
                        "admin",
                        ADMIN_PASSWORD)
                .withShiftDays(null)
                .withRejects(Files.createTempFile("console-e2e", ".rejects.csv"));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        ReplaySummary summary =
                new ReplayRunner(settings, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(summary.rowsFailed())
                .as(progress.toString(StandardCharsets.UTF_8))
                .isZero();
        assertThat(summary.reportsDiverted()).isPositive();
    }

    @Test
    @Order(1)
    @DisplayName("gas case: call taker files it, commander acts, police and gas company finish, all live")
    void gasCaseThroughTheConsole() {
        try (ConsoleBrowser board = as("analyst", "zh-CN");
                ConsoleBrowser leader = as("leader", "zh-CN");
                ConsoleBrowser callTaker = as("calltaker", "zh-CN");
                ConsoleBrowser commander = as("commander", "zh-CN");
                ConsoleBrowser police = as("police", "zh-CN");
                ConsoleBrowser gas = as("gas", "zh-CN")) {
            board.open("/board");
            board.await("[data-test=board-table]");
            board.await("[data-test=live-status].open");
            board.markDocument();
            leader.await("[data-test=screen]");
            leader.markDocument();
            String openBefore = leader.text("[data-kpi='screen.kpi.open'] .n");

            // the call taker, keyboard first: number, name, what is said, address, place, Ctrl+Enter
            callTaker.await("[data-test=intake]");
            callTaker.type("input[data-test=caller-number]", "13812345678");
            callTaker.type("input[data-test=caller-name]", "王某");
            callTaker.type("input[data-test=address]", "双塔区新华路 12 号 3 单元 502");
            // the district, so that the plan tasks 双塔区's police sub-bureau (the police user's)
            callTaker.type("[data-test=district] input", "双塔区");
            callTaker.until(d -> d.findElements(By.cssSelector(".el-cascader__suggestion-item")).stream()
                    .filter(item -> item.isDisplayed() && item.getText().strip().equals("双塔区"))
                    .findFirst()
                    .map(item -> {
                        item.click();
                        return true;
                    })
                    .orElse(null));
            callTaker.type("textarea[data-test=report-text]", "居民在家中打开燃气阀门轻生，屋内煤气味很浓");
            callTaker.await("[data-test=suggestions]");
            WebElement map = callTaker.await("[data-test=map]");
            new Actions(callTaker.driver()).moveToElement(map, 10, 0).click().perform();
            callTaker.type("textarea[data-test=report-text]", Keys.chord(Keys.CONTROL, Keys.ENTER));
            String link = callTaker.await("[data-test=result-incident]").getAttribute("href");
            Matcher id = INCIDENT_LINK.matcher(link);
            assertThat(id.find()).as(link).isTrue();
            gasIncident = Long.parseLong(id.group(1));
            assertThat(callTaker.text("[data-test=intake-result]")).contains("燃气");

            // the board and the leader's wall show it without a reload
            board.await("[data-incident='" + gasIncident + "']");
            assertThat(board.sameDocument()).as("board was not reloaded").isTrue();
            leader.until(d -> !leader.text("[data-kpi='screen.kpi.open'] .n").equals(openBefore));
            assertThat(leader.sameDocument())
                    .as("leader screen was not reloaded")
                    .isTrue();

            // the commander takes it from the queue, activates the plan and reports to the leader
            commander.open("/command");
            commander.click("[data-queue=new]");
            commander.click(".queue-list [data-incident='" + gasIncident + "']");
            commander.await("[data-test=orders]");
            commander.click("[data-test=activate-plan]");
            commander.await(".el-message--success");
            commander.type("input[data-test=order-reason]", "燃气轻生，四家单位已出动，报告值班领导");
            commander.click("[data-test=hand-over]");
            commander.until(d -> commander.text(".detail").contains("领导指挥"));

            long policeTask = finishOwnTask(police, "POLICE-SHUANGTA", scenePhoto());
            gasCompanyTask = finishOwnTask(gas, "GAS-CO", null);
            assertThat(policeTask).isNotEqualTo(gasCompanyTask);

            // the police's photo is on the incident record: in the task panel and on the timeline
            commander.open("/incidents/" + gasIncident);
            commander.await("[data-task-photos='" + policeTask + "'] img");
            commander.await("[data-test=timeline] [data-entry=ATTACHMENT_ADDED]");
            assertThat(commander.text("[data-test=timeline]")).contains("scene.png");

            // the board follows the agencies' steps live: two of four tasks remain open
            board.await("[data-open-tasks='" + gasIncident + "'][data-open='2']");
            assertThat(board.sameDocument()).as("board was not reloaded").isTrue();
            assertThat(leader.sameDocument())
                    .as("leader screen was not reloaded")
                    .isTrue();

            JsonNode record = Api.as(port, "commander", DEMO_PASSWORD)
                    .get("/api/incidents/" + gasIncident + "/record")
                    .json();
            List<String> types = new ArrayList<>();
            record.forEach(e -> types.add(e.get("type").asString()));
            assertThat(types)
                    .contains(
                            "INCIDENT_OPENED",
                            "PLAN_ACTIVATED",
                            "COMMAND_HANDED_OVER",
                            "TASK_ACKNOWLEDGED",
                            "TASK_ARRIVED",
                            "TASK_REPORTED_BACK",
                            "ATTACHMENT_ADDED",
                            "TASK_COMPLETED");
        }
    }

    /** A small PNG of the scene, drawn into a temporary folder, as a phone would have taken it. */
    private static Path scenePhoto() {
        try {
            BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(0x3A6EA5));
            g.fillRect(0, 0, 320, 240);
            g.setColor(new Color(0xF2C14E));
            g.fillRect(110, 60, 100, 140);
            g.setColor(Color.WHITE);
            g.drawString("LIANDONG", 124, 40);
            g.dispose();
            Path photo = Files.createTempDirectory("console-e2e-photo").resolve("scene.png");
            ImageIO.write(image, "png", photo.toFile());
            return photo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Acknowledges, arrives, reports back (attaching the photo, if any) and completes the agency's
     * task on the gas incident.
     */
    private long finishOwnTask(ConsoleBrowser agency, String code, @Nullable Path photo) {
        agency.open("/inbox");
        WebElement card = agency.await("[data-task][data-status=ISSUED]");
        long task = Long.parseLong(card.getAttribute("data-task"));
        String actions = "[data-task-actions='" + task + "'] ";
        agency.click(actions + "[data-step=acknowledge]");
        agency.click(actions + "[data-step=arrive]");
        agency.await("[data-task='" + task + "'][data-status=ARRIVED]");
        if (photo != null) {
            agency.attach(actions + "input[data-test=photo-input]", photo);
            agency.await("[data-task='" + task + "'] [data-task-photos='" + task + "'] img");
        }
        agency.type(actions + "input[data-test=report-text]", code + " 现场处置完毕，已确认安全");
        agency.click(actions + "[data-step=report-back]");
        agency.await(".el-message--success");
        agency.click(actions + "[data-step=complete]");
        agency.awaitGone("[data-task='" + task + "'][data-status=ARRIVED]");
        return task;
    }

    @Test
    @Order(2)
    @DisplayName("a second gas call joins the first because the call taker chose it, by keyboard")
    void callTakerChoosesTheIncidentASecondCallJoins() {
        Assumptions.assumeTrue(gasIncident > 0, "needs the gas case");
        try (ConsoleBrowser callTaker = as("calltaker", "zh-CN")) {
            callTaker.await("[data-test=intake]");
            callTaker.type("input[data-test=address]", "双塔区新华路 12 号");
            callTaker.type("textarea[data-test=report-text]", "邻居再次报警：居民在家中打开燃气阀门轻生，屋内煤气味很浓");
            callTaker.await("[data-test=suggestions]");
            WebElement map = callTaker.await("[data-test=map]");
            new Actions(callTaker.driver()).moveToElement(map, 10, 0).click().perform();

            // the first gas incident is offered nearby; Enter on its button chooses it, the form shows the choice
            callTaker.await("[data-merge-into='" + gasIncident + "']").sendKeys(Keys.ENTER);
            assertThat(callTaker.text("[data-test=merge-choice]")).contains("#" + gasIncident);
            callTaker.click("[data-test=merge-undo]");
            callTaker.awaitGone("[data-test=merge-choice]");
            callTaker.await("[data-merge-into='" + gasIncident + "']").sendKeys(Keys.ENTER);
            callTaker.await("[data-test=merge-choice]");
            callTaker.type("textarea[data-test=report-text]", Keys.chord(Keys.CONTROL, Keys.ENTER));

            assertThat(callTaker.text("[data-test=intake-result]")).contains("已并入现有事件");
            assertThat(callTaker.await("[data-test=result-incident]").getAttribute("href"))
                    .endsWith("/incidents/" + gasIncident);
        }
        List<String> merges = new ArrayList<>();
        Api.as(port, "commander", DEMO_PASSWORD)
                .get("/api/incidents/" + gasIncident + "/record")
                .json()
                .forEach(e -> {
                    if (e.get("type").asString().equals("REPORT_MERGED")) {
                        merges.add(e.get("detail").asString());
                    }
                });
        assertThat(merges).containsExactly("report #2 merged into incident " + gasIncident + " by call taker");
    }

    @Test
    @Order(3)
    @DisplayName(
            "the board filtered by a platform shows that platform's incidents, and keeps the filter in its address")
    void boardFiltersByPlatform() {
        Assumptions.assumeTrue(gasIncident > 0, "needs the gas case");
        try (ConsoleBrowser board = as("commander", "en")) {
            board.open("/board");
            board.await("[data-incident='" + gasIncident + "']");

            board.click("[data-test=filter-platform]");
            board.click(".el-select-dropdown__item[data-option='GOVERNANCE']");
            board.awaitGone("[data-incident='" + gasIncident + "']");
            board.until(d -> d.getCurrentUrl().contains("platform=GOVERNANCE"));

            board.open("/board?platform=POLICE-COMMAND");
            board.await("[data-incident='" + gasIncident + "']");
            assertThat(Integer.parseInt(board.text("[data-counter='board.count.open'] .n")))
                    .isPositive();
        }
    }

    @Test
    @Order(4)
    @DisplayName("an agency user cannot open another agency's task by its address")
    void agencyCannotOpenAnotherAgencysTask() {
        Assumptions.assumeTrue(gasCompanyTask > 0, "needs the gas case");
        try (ConsoleBrowser police = as("police", "zh-CN")) {
            police.open("/tasks/" + gasCompanyTask);
            police.await("[data-test=not-found]");
            assertThat(police.all("[data-test=task]")).isEmpty();
        }
        try (ConsoleBrowser gas = as("gas", "zh-CN")) {
            gas.open("/tasks/" + gasCompanyTask);
            assertThat(gas.await("[data-test=task]").getAttribute("data-status"))
                    .isEqualTo("COMPLETED");
        }
    }

    @Test
    @Order(5)
    @DisplayName("every screen, in Chinese and English, at 1366×768 and 1920×1080")
    void screenshotsOfEveryScreen() {
        Assumptions.assumeTrue(gasIncident > 0, "needs the gas case");
        record Screen(String name, String user, String path, String ready) {}
        List<Screen> screens = List.of(
                new Screen("login", null, "/login", "[data-test=login-form]"),
                new Screen("intake", "calltaker", "/intake", "[data-test=intake]"),
                new Screen("board", "commander", "/board", "[data-incident='" + gasIncident + "']"),
                new Screen("incident", "commander", "/incidents/" + gasIncident, "[data-test=timeline]"),
                new Screen("command", "commander", "/command", "[data-test=orders]"),
                new Screen("inbox", "gas", "/inbox", "[data-test=inbox]"),
                new Screen("task", "gas", "/tasks/" + gasCompanyTask, "[data-test=task]"),
                new Screen("leader-screen", "leader", "/screen", "[data-test=screen] canvas"),
                new Screen("statistics", "analyst", "/stats", "[data-test=stats] canvas"),
                new Screen("admin", "admin", "/admin/plans", "[data-test=admin] .el-table__row"));
        List<Path> taken = new ArrayList<>();
        List<int[]> sizes = List.of(new int[] {1366, 768}, new int[] {1920, 1080});
        for (String lang : List.of("zh-CN", "en")) {
            for (String user : screens.stream().map(Screen::user).distinct().toList()) {
                try (ConsoleBrowser browser = new ConsoleBrowser(port, 1366, 768)) {
                    if (user != null) {
                        browser.login(user, user.equals("admin") ? ADMIN_PASSWORD : DEMO_PASSWORD, lang);
                    }
                    for (int[] size : sizes) {
                        browser.viewport(size[0], size[1]);
                        for (Screen screen : screens) {
                            if (java.util.Objects.equals(screen.user(), user)) {
                                browser.open(screen.path() + "?lang=" + lang);
                                browser.await(screen.ready());
                                pause(
                                        screen.path().equals("/screen")
                                                        || screen.path().equals("/stats")
                                                ? 1500
                                                : 600);
                                taken.add(browser.shot(screen.name() + "-" + lang + "-" + size[0] + "x" + size[1]));
                            }
                        }
                    }
                }
            }
        }
        assertThat(taken).hasSize(screens.size() * 4).allSatisfy(file -> assertThat(file)
                .isNotEmptyFile());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
