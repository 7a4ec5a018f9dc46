package io.liandong.replay.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A center started inside the replay's own JVM: on 127.0.0.1, a free port, the embedded H2
 * database under the data folder, quiet logs. On a fresh data folder the admin password is
 * generated for the run; on a folder that already holds a center it is taken from
 * {@code LIANDONG_ADMIN_PASSWORD} or from the first start's {@code initial-passwords.txt}.
 */
public final class EmbeddedCenter implements AutoCloseable {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

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
     * @throws IllegalStateException if the admin password of an existing center is not known
     */
    public static EmbeddedCenter start(Class<?> application, @Nullable Path home, boolean verbose) {
        Path dataHome = home != null
                ? home
                : Path.of(Optional.ofNullable(System.getenv("LIANDONG_HOME")).orElse("data"));
        String password = adminPassword(dataHome);
        List<String> args = new ArrayList<>(List.of(
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--liandong.security.admin-password=" + password));
        if (home != null) {
            args.add("--liandong.home=" + home.toAbsolutePath());
        }
        if (!verbose) {
            args.add("--logging.level.root=WARN");
            args.add("--logging.level.io.liandong=WARN");
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .logStartupInfo(verbose)
                .run(args.toArray(String[]::new));
        String port = context.getEnvironment().getProperty("local.server.port");
        if (port == null) {
            context.close();
            throw new IllegalStateException("the center started but did not report its HTTP port");
        }
        return new EmbeddedCenter(context, URI.create("http://127.0.0.1:" + port), password);
    }

    private static String adminPassword(Path home) {
        String configured = System.getenv("LIANDONG_ADMIN_PASSWORD");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (!holdsCenter(home)) {
            return generate();
        }
        Optional<String> initial = initialPassword(home.resolve("initial-passwords.txt"));
        return initial.orElseThrow(() -> new IllegalStateException("the data folder " + home.toAbsolutePath()
                + " already holds a center whose admin password the replay does not know: set"
                + " LIANDONG_ADMIN_PASSWORD to it, use --home with a fresh folder, or replay into a running"
                + " center with --url, --user and --password"));
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

    private static Optional<String> initialPassword(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(String::strip)
                    .filter(line -> line.startsWith("admin "))
                    .map(line -> line.substring("admin ".length()).strip())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            if (i > 0 && i % 6 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
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
