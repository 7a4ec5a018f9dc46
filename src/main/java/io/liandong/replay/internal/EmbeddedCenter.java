package io.liandong.replay.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A center started inside the replay's own JVM: on 127.0.0.1, a free port, the embedded H2
 * database under the data folder, quiet logs. The replay logs in as {@code admin} with the
 * password from {@code LIANDONG_ADMIN_PASSWORD} if set, else with the one the center generated on
 * its first start and wrote to {@code initial-passwords.txt} in the data folder; so a second
 * replay into the same folder finds it again.
 */
public final class EmbeddedCenter implements AutoCloseable {

    static final String PASSWORD_FILE = "initial-passwords.txt";

    private final ConfigurableApplicationContext context;
    private final URI url;
    private final String password;

    private EmbeddedCenter(ConfigurableApplicationContext context, URI url, String password) {
        this.context = context;
        this.url = url;
        this.password = password;
    }

    /**
     * Starts the application {@code application} with its data under {@code home} ({@code null}:
     * as configured, {@code $LIANDONG_HOME} or {@code ./data}).
     *
     * @throws IllegalStateException if the admin password of the center is not known
     */
    public static EmbeddedCenter start(Class<?> application, @Nullable Path home, boolean verbose) {
        Path dataHome = home != null
                ? home
                : Path.of(Optional.ofNullable(System.getenv("LIANDONG_HOME")).orElse("data"));
        String configured = System.getenv("LIANDONG_ADMIN_PASSWORD");
        if (isBlank(configured)
                && holdsCenter(dataHome)
                && initialPassword(dataHome).isEmpty()) {
            throw unknownPassword(dataHome);
        }
        List<String> args = new ArrayList<>(
                List.of("--server.address=127.0.0.1", "--server.port=0", "--spring.main.banner-mode=off"));
        if (home != null) {
            args.add("--liandong.home=" + home.toAbsolutePath());
        }
        if (!verbose) {
            // Refused rows are counted and written by the replay; the center's own warnings would repeat them.
            args.add("--logging.level.root=ERROR");
            args.add("--logging.level.io.liandong=ERROR");
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .logStartupInfo(verbose)
                .run(args.toArray(String[]::new));
        String port = context.getEnvironment().getProperty("local.server.port");
        String password =
                !isBlank(configured) ? configured : initialPassword(dataHome).orElse(null);
        if (port == null || password == null) {
            context.close();
            throw port == null
                    ? new IllegalStateException("the center started but did not report its HTTP port")
                    : unknownPassword(dataHome);
        }
        return new EmbeddedCenter(context, URI.create("http://127.0.0.1:" + port), password);
    }

    private static IllegalStateException unknownPassword(Path home) {
        return new IllegalStateException("the data folder " + home.toAbsolutePath() + " holds a center whose admin"
                + " password the replay does not know (no admin line in " + PASSWORD_FILE + "): set"
                + " LIANDONG_ADMIN_PASSWORD to it, use --home with a fresh folder, or replay into a running center"
                + " with --url, --user and --password");
    }

    private static boolean holdsCenter(Path home) {
        Path db = home.resolve("db");
        if (!Files.isDirectory(db)) {
            return false;
        }
        try (Stream<Path> files = Files.list(db)) {
            return files.findAny().isPresent();
        } catch (IOException e) {
            return true;
        }
    }

    /** The admin password the center's first start wrote into {@code home}, if the file is still there. */
    static Optional<String> initialPassword(Path home) {
        Path file = home.resolve(PASSWORD_FILE);
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(String::strip)
                    .filter(line -> line.startsWith("admin "))
                    .map(line -> line.substring("admin ".length()).strip())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    public URI url() {
        return url;
    }

    /** The administrator the replay logs in as. */
    public String user() {
        return "admin";
    }

    public String password() {
        return password;
    }

    /** Blocks until the center is shut down (Ctrl+C). */
    public void awaitShutdown() throws InterruptedException {
        while (context.isActive()) {
            Thread.sleep(500);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
