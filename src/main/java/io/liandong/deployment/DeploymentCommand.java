package io.liandong.deployment;

import io.liandong.deployment.internal.DeploymentReader;
import io.liandong.shared.ImportCount;
import io.liandong.shared.persistence.H2Urls;
import io.liandong.shared.security.Actor;
import io.liandong.shared.security.Role;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code liandong deployment check|export|import FOLDER [--property=value ...]}: the reference data
 * (zones, agencies, seats, categories, plans) as the five YAML files of docs/reference-deployment.md,
 * against the database the properties select (the embedded H2 under {@code $LIANDONG_HOME} by
 * default, or PostgreSQL as for the center). It starts the application without its web server,
 * background jobs or Kafka, does the one thing and stops. Running centers on the same database see
 * an import within their reference refresh interval.
 */
public final class DeploymentCommand {

    /** Exit status: done. */
    public static final int OK = 0;
    /** Exit status: the files have problems; nothing was written. */
    public static final int REFUSED = 1;
    /** Exit status: could not run (the database, the folder). */
    public static final int FAILED = 2;
    /** Exit status: wrong arguments. */
    public static final int USAGE = 64;

    /** Who an import is recorded as in the audit trail. */
    static final Actor COMMAND_LINE = new Actor("command-line", Set.of(Role.ADMIN), null, null);

    private static final List<String> FILES = DeploymentReader.FILES;

    private final Class<?> application;
    private final PrintStream out;
    private final PrintStream err;

    private DeploymentCommand(Class<?> application, PrintStream out, PrintStream err) {
        this.application = application;
        this.out = out;
        this.err = err;
    }

    public static int execute(Class<?> application, String... args) {
        return execute(application, System.out, System.err, args);
    }

    public static int execute(Class<?> application, PrintStream out, PrintStream err, String... args) {
        return new DeploymentCommand(application, out, err).run(args);
    }

    static String usage() {
        return """
                Usage: liandong deployment check  FOLDER [--property=value ...]
                       liandong deployment export FOLDER [--property=value ...]
                       liandong deployment import FOLDER [--property=value ...]
                  check   list the problems an import of the files in FOLDER would be refused for
                  export  write the stored reference data to FOLDER as the five files
                  import  check the files found in FOLDER, then store them in one transaction
                The properties select the database as for the center (default: the embedded H2 under $LIANDONG_HOME).
                Exit status: 0 done, 1 refused (problems listed, nothing written), 2 failed, 64 wrong arguments.
                """;
    }

    private int run(String[] args) {
        if (args.length == 1 && List.of("help", "-h", "--help").contains(args[0])) {
            out.print(usage());
            return OK;
        }
        if (args.length < 2 || !List.of("check", "export", "import").contains(args[0])) {
            return usageError(
                    args.length == 0
                            ? "deployment: name an action and a folder"
                            : "deployment: unknown action or missing folder: " + String.join(" ", args));
        }
        String action = args[0];
        Path folder = Path.of(args[1]);
        List<String> properties = Arrays.asList(args).subList(2, args.length);
        for (String property : properties) {
            if (!property.startsWith("--") || !property.contains("=")) {
                return usageError("deployment: expected --property=value, was: " + property);
            }
        }
        if (!action.equals("export")) {
            if (!Files.isDirectory(folder)) {
                return usageError("deployment: " + folder.toAbsolutePath() + " is not a folder");
            }
            // A name that is there but is not a file (a folder, say) is a problem the check lists.
            if (FILES.stream().noneMatch(file -> Files.exists(folder.resolve(file)))) {
                return usageError(
                        "deployment: " + folder.toAbsolutePath() + " holds none of " + String.join(", ", FILES));
            }
        }
        String missing = missingEmbeddedDatabase(properties);
        if (missing != null) {
            err.println(missing);
            return FAILED;
        }
        try (ConfigurableApplicationContext context = start(properties)) {
            ReferenceDeployment deployment = context.getBean(ReferenceDeployment.class);
            return switch (action) {
                case "check" -> check(deployment, folder);
                case "export" -> export(deployment, folder);
                default -> importFrom(deployment, folder);
            };
        } catch (RuntimeException e) {
            err.println("deployment " + action + ": " + message(e));
            return FAILED;
        }
    }

    private int check(ReferenceDeployment deployment, Path folder) {
        List<String> problems = deployment.check(folder);
        if (problems.isEmpty()) {
            out.println(folder.toAbsolutePath() + ": no problems; it may be imported.");
            return OK;
        }
        printProblems(folder, problems);
        return REFUSED;
    }

    private int export(ReferenceDeployment deployment, Path folder) {
        out.println("Exported to " + folder.toAbsolutePath().normalize() + ": " + deployment.exportTo(folder) + ".");
        return OK;
    }

    private int importFrom(ReferenceDeployment deployment, Path folder) {
        try {
            List<ImportCount> imported = deployment.importFrom(folder, COMMAND_LINE);
            out.println("Imported " + folder.toAbsolutePath() + ":");
            imported.forEach(count -> out.println("  " + count));
            return OK;
        } catch (InvalidDeploymentException e) {
            printProblems(folder, e.problems());
            return REFUSED;
        }
    }

    private void printProblems(Path folder, List<String> problems) {
        err.println(folder.toAbsolutePath() + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "; nothing was written:");
        problems.forEach(problem -> err.println("  " + problem));
    }

    /**
     * With the embedded H2 (no datasource URL given), the database must already be there: the
     * command never creates a center's database, so a mistyped {@code --liandong.home} (or none, in
     * the wrong folder) is an error, not a fresh empty center.
     */
    private static @Nullable String missingEmbeddedDatabase(List<String> properties) {
        if (properties.stream().anyMatch(p -> p.startsWith("--spring.datasource.url="))) {
            return null;
        }
        String home = properties.stream()
                .filter(p -> p.startsWith("--liandong.home="))
                .map(p -> p.substring("--liandong.home=".length()))
                .reduce((first, last) -> last)
                .orElseGet(() -> {
                    String env = System.getenv("LIANDONG_HOME");
                    return env == null || env.isBlank() ? "./data" : env;
                });
        Path database = Path.of(home)
                .resolve("db")
                .resolve("liandong.mv.db")
                .toAbsolutePath()
                .normalize();
        if (Files.isRegularFile(database)) {
            return null;
        }
        return "deployment: no center's database at " + database
                + ": give the data folder of an existing center with --liandong.home=… (or LIANDONG_HOME),"
                + " or PostgreSQL with --spring.datasource.url=…; start a center once to create one";
    }

    private ConfigurableApplicationContext start(List<String> properties) {
        List<String> args = new ArrayList<>();
        for (String property : properties) {
            // The command never creates a database: an H2 file named by URL must exist already.
            String prefix = "--spring.datasource.url=";
            boolean h2File = property.startsWith(prefix)
                    && embeddedH2File(property.substring(prefix.length()))
                    && !property.toUpperCase(Locale.ROOT).contains(";IFEXISTS=");
            args.add(h2File ? property + ";IFEXISTS=TRUE" : property);
        }
        // Nor a schema: a mistyped PostgreSQL schema is an error, not a new empty one.
        args.add("--spring.flyway.create-schemas=false");
        // Only the database and the reference data: no web server, background jobs or Kafka, and no
        // first-start work (the packaged deployment, the first accounts): that is a center's to do.
        args.add("--liandong.scheduling.enabled=false");
        args.add("--liandong.kafka.enabled=false");
        args.add("--liandong.reference.load-on-first-start=false");
        args.add("--liandong.first-start-accounts=false");
        // A failure to start is reported once, in one line, by this command.
        args.add("--logging.level.org.springframework.boot.SpringApplication=OFF");
        args.add("--logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=OFF");
        args.add("--logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext=ERROR");
        if (properties.stream().noneMatch(p -> p.startsWith("--logging.level."))) {
            args.add("--logging.level.root=WARN");
            args.add("--logging.level.io.liandong=WARN");
            args.add("--logging.level.org.flywaydb=ERROR");
        }
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .listeners(DeploymentCommand::withoutTraceFile)
                .run(args.toArray(String[]::new));
    }

    /**
     * An embedded H2 writes its own errors to a {@code .trace.db} file beside the database, and a
     * refused attempt (the file locked by a running center) would leave one in the center's data
     * folder. The command reports its errors itself and leaves no file behind: the URL it uses
     * (the given one or the center's) turns that file off, unless it sets the trace level itself.
     */
    private static void withoutTraceFile(ApplicationEvent event) {
        if (!(event instanceof ApplicationEnvironmentPreparedEvent prepared)) {
            return;
        }
        ConfigurableEnvironment environment = prepared.getEnvironment();
        String url = environment.getProperty("spring.datasource.url");
        if (url != null && embeddedH2File(url) && !url.toUpperCase(Locale.ROOT).contains(";TRACE_LEVEL_FILE=")) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "deployment-command", Map.of("spring.datasource.url", url + ";TRACE_LEVEL_FILE=0")));
        }
    }

    /**
     * An H2 URL of a database file this process opens itself: {@code jdbc:h2:file:…} and the short
     * forms {@code jdbc:h2:/…}, {@code jdbc:h2:./…}, {@code jdbc:h2:~/…}; not an in-memory database
     * or a server's.
     */
    static boolean embeddedH2File(String url) {
        return H2Urls.embeddedFile(url);
    }

    private int usageError(String message) {
        err.println(message);
        err.print(usage());
        return USAGE;
    }

    /**
     * What went wrong in the words of the part that failed (the database, the file system), after
     * this program's own words when they add something; with a hint for a locked embedded database.
     */
    static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootText = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof IOException) {
            // Their message is often just the path: the kind of failure is the rest of it.
            rootText = root.getClass().getSimpleName() + ": " + rootText;
        }
        String text = rootText;
        if (root != e
                && e.getMessage() != null
                && !e.getMessage().contains(rootText)
                && e.getMessage().length() < 300) {
            text = e.getMessage() + ": " + rootText;
        }
        if (rootText.contains("file is locked") || rootText.contains("Database may be already in use")) {
            text += " (a center is probably running on this data folder: the embedded database opens in one"
                    + " process at a time; stop the center first)";
        }
        return text;
    }
}
