package io.liandong.testing;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The two databases every integration suite runs on: an in-memory H2 in PostgreSQL mode, and
 * the machine's PostgreSQL server at 127.0.0.1:5432 (database {@code test}), each test context
 * in a fresh schema of its own.
 */
public final class Databases {

    public static final String PG_URL =
            System.getProperty("liandong.test.pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = System.getProperty("liandong.test.pg-user", "postgres");
    /** How the names of the schemas created for the tests begin (several runs may share one database). */
    public static final String PG_SCHEMA_PREFIX = System.getProperty("liandong.test.pg-schema-prefix", "t_");

    private static final java.util.Set<String> CREATED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Databases::dropCreatedSchemas, "drop-test-schemas"));
    }

    private Databases() {}

    /** Drops the schemas this JVM created, so test runs leave the shared database as they found it. */
    private static void dropCreatedSchemas() {
        if (CREATED.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                Statement s = c.createStatement()) {
            for (String schema : CREATED) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (Exception e) {
            System.err.println("could not drop test schemas " + CREATED + ": " + e.getMessage());
        }
    }

    public static void h2(DynamicPropertyRegistry registry) {
        h2(registry, "");
    }

    /** An in-memory H2 with these settings added to its URL ({@code ;NAME=value}). */
    public static void h2(DynamicPropertyRegistry registry, String settings) {
        String name = "t" + UUID.randomUUID().toString().replace("-", "");
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
                        + settings);
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        smallPool(registry);
    }

    public static void postgres(DynamicPropertyRegistry registry) {
        String schema = freshPostgresSchema();
        registry.add("spring.datasource.url", () -> PG_URL + "?currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> PG_USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> schema);
        smallPool(registry);
    }

    /** Many test contexts stay cached at once: each keeps a small pool, so the server's 100 connections last. */
    private static void smallPool(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "8");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
    }

    /** Creates an empty schema for one test context and returns its name. */
    public static String freshPostgresSchema() {
        String schema = PG_SCHEMA_PREFIX
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            CREATED.add(schema);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create schema " + schema + " on " + PG_URL, e);
        }
        return schema;
    }

    /** Whether the PostgreSQL server answers on 127.0.0.1:5432. */
    public static boolean postgresReachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
