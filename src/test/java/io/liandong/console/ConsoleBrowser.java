package io.liandong.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person at one browser: Debian's Chromium, headless, with a profile of its own, driven
 * through Debian's chromedriver (nothing is downloaded). Knows the console's login form.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;
    private final WebDriverWait wait;

    ConsoleBrowser(int port, int width, int height) {
        try {
            this.profile = Files.createTempDirectory("liandong-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--autoplay-policy=no-user-gesture-required",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        this.base = "http://127.0.0.1:" + port;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        viewport(width, height);
    }

    /** Sizes the window so that the page itself (not the window) is width × height. */
    void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        long innerWidth = (Long) js("return window.innerWidth");
        long innerHeight = (Long) js("return window.innerHeight");
        driver.manage()
                .window()
                .setSize(new Dimension(width + (int) (width - innerWidth), height + (int) (height - innerHeight)));
    }

    void login(String username, String password, String lang) {
        open("/login?lang=" + lang);
        type("input[data-test=username]", username);
        type("input[data-test=password]", password);
        click("[data-test=login-submit]");
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Opens a console address by a full page load, in the given language. */
    void open(String path) {
        driver.get(base + path);
        await("#app > *");
    }

    /** Navigates inside the page, without a reload, as a click on a link would. */
    void navigate(String path) {
        js("window.history.pushState({}, '', arguments[0]); window.dispatchEvent(new PopStateEvent('popstate'))", path);
    }

    WebElement await(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void awaitGone(String css) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
    }

    <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void type(String css, CharSequence... keys) {
        WebElement field = await(css);
        field.sendKeys(keys);
    }

    /** Chooses a file in a file input, which may be hidden behind a button as file inputs usually are. */
    void attach(String css, Path file) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)))
                .sendKeys(file.toAbsolutePath().toString());
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    String text(String css) {
        return await(css).getText();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebDriver driver() {
        return driver;
    }

    /** Marks the current page; {@link #sameDocument()} stays true only while no reload happened. */
    void markDocument() {
        js("window.__liandongNoReload = true");
    }

    boolean sameDocument() {
        return Boolean.TRUE.equals(js("return window.__liandongNoReload === true"));
    }

    Path shot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
