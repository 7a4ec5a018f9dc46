package io.liandong.properties;

import io.liandong.LiandongApplication;
import io.liandong.testing.Databases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole center running on a random port of 127.0.0.1, started once for a property container
 * (jqwik runs outside Spring's test support) on H2 or on PostgreSQL in a fresh schema.
 */
final class Center implements AutoCloseable {

    static final String ADMIN_PASSWORD = "admin-Property-123";
    static final String DEMO_PASSWORD = "demo-Property-123";

    private final ConfigurableApplicationContext context;
    private final int port;

    private Center(ConfigurableApplicationContext context) {
        this.context = context;
        Integer local = context.getEnvironment().getProperty("local.server.port", Integer.class);
        if (local == null) {
            context.close();
            throw new IllegalStateException("the center started but did not say which port it listens on");
        }
        this.port = local;
    }

    static Center onH2() {
        String name = "p" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> database = new LinkedHashMap<>();
        database.put(
                "spring.datasource.url",
                "jdbc:h2:mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        database.put("spring.datasource.username", "sa");
        database.put("spring.datasource.password", "");
        return start(database);
    }

    static Center onPostgres() {
        String schema = Databases.freshPostgresSchema();
        Map<String, String> database = new LinkedHashMap<>();
        database.put("spring.datasource.url", Databases.PG_URL + "?currentSchema=" + schema);
        database.put("spring.datasource.username", Databases.PG_USER);
        database.put("spring.datasource.password", "");
        database.put("spring.flyway.schemas", schema);
        return start(database);
    }

    private static Center start(Map<String, String> database) {
        Map<String, String> settings = new LinkedHashMap<>(database);
        settings.put("server.port", "0");
        settings.put("server.address", "127.0.0.1");
        settings.put("liandong.scheduling.enabled", "false");
        settings.put("liandong.security.admin-password", ADMIN_PASSWORD);
        settings.put("liandong.security.demo-password", DEMO_PASSWORD);
        settings.put("liandong.security.demo-accounts", "true");
        settings.put("liandong.home", "target/test-home");
        settings.put("spring.main.banner-mode", "off");
        settings.put("logging.level.io.liandong", "ERROR");
        // command-line arguments outrank application.yml, which names a file database and port 8080
        List<String> args = new ArrayList<>();
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(LiandongApplication.class).run(args.toArray(String[]::new));
        return new Center(context);
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        context.close();
    }
}
