package io.liandong.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.testing.Databases;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The center's own settings reach the console in a real browser: a tile server configured with
 * {@code liandong.map.tile-url} is the one the map loads its tiles from (nothing answers on that
 * port; only the address the browser asks matters), and {@code <html lang>} follows the language.
 * Skipped or failed like {@link ConsoleEndToEndIntegrationTests} where Chromium or the console is missing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=" + ConsoleEndToEndIntegrationTests.ADMIN_PASSWORD,
            "liandong.security.demo-password=" + ConsoleEndToEndIntegrationTests.DEMO_PASSWORD,
            "liandong.security.demo-accounts=true",
            "liandong.home=target/test-home-console-settings-e2e",
            "liandong.map.tile-url=" + ConsoleSettingsEndToEndIntegrationTests.TILES + "{z}/{x}/{y}.png",
            "liandong.map.tile-origin=" + ConsoleSettingsEndToEndIntegrationTests.TILE_ORIGIN,
            "liandong.map.tile-coord-system=GCJ02",
            "liandong.map.zoom=11",
        })
class ConsoleSettingsEndToEndIntegrationTests {

    /** A port on this machine where nothing listens: the tiles never load, their addresses are what is checked. */
    static final String TILE_ORIGIN = "http://127.0.0.1:19669";

    static final String TILES = TILE_ORIGIN + "/center-tiles/";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @BeforeAll
    static void browserAndConsoleAreThere() {
        ConsoleEndToEndIntegrationTests.browserAndConsoleAreThere();
    }

    @Test
    @DisplayName("the map loads its tiles from the center's configured tile server")
    void mapUsesTheConfiguredTileServer() {
        try (ConsoleBrowser callTaker = new ConsoleBrowser(port, 1366, 768)) {
            callTaker.login("calltaker", ConsoleEndToEndIntegrationTests.DEMO_PASSWORD, "zh-CN");
            callTaker.await("[data-test=intake] [data-test=map]");
            // One snapshot of every tile's address, taken in the page: Leaflet replaces tile elements
            // as it loads and retries them, so reading them one by one can meet a removed one.
            List<String> tiles = callTaker.until(d -> {
                List<?> sources = (List<?>) callTaker.js("return Array.from(document.querySelectorAll("
                        + "'[data-test=map] img.leaflet-tile')).map(img => img.getAttribute('src'))");
                return sources == null || sources.isEmpty()
                        ? null
                        : sources.stream().map(String::valueOf).toList();
            });
            assertThat(tiles).isNotEmpty().allSatisfy(src -> assertThat(src).matches(TILES + "\\d+/\\d+/\\d+\\.png"));
            assertThat(callTaker.all("[data-test=config-failed]")).isEmpty();
        }
    }

    @Test
    @DisplayName("<html lang> is the console's language, on load and when it is switched")
    void htmlLangFollowsTheLanguage() {
        try (ConsoleBrowser callTaker = new ConsoleBrowser(port, 1366, 768)) {
            callTaker.login("calltaker", ConsoleEndToEndIntegrationTests.DEMO_PASSWORD, "en");
            callTaker.await("[data-test=intake]");
            assertThat(lang(callTaker)).isEqualTo("en");

            choose(callTaker, "zh-CN");
            callTaker.until(d -> lang(callTaker).equals("zh-CN"));

            choose(callTaker, "en");
            callTaker.until(d -> lang(callTaker).equals("en"));
            callTaker.open("/intake");
            callTaker.await("[data-test=intake]");
            assertThat(lang(callTaker))
                    .as("after a reload, from the saved choice")
                    .isEqualTo("en");
        }
    }

    private static String lang(ConsoleBrowser browser) {
        return (String) browser.js("return document.documentElement.lang");
    }

    private static void choose(ConsoleBrowser browser, String locale) {
        browser.click("[data-test=lang]");
        WebElement option = browser.await(".el-select-dropdown__item[data-option='" + locale + "']");
        option.click();
        browser.awaitGone(".el-select-dropdown__item[data-option='" + locale + "']");
    }
}
