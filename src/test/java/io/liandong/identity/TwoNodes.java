package io.liandong.identity;

import io.liandong.LiandongApplication;
import io.liandong.testing.Databases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes of one center, {@code node-a} and {@code node-b}, started once per test class on one
 * database with one home folder, on ports of their own; subclasses say which database and what
 * else the nodes are told.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoNodes {

    static final String ADMIN_PASSWORD = "admin-Secret-123";

    private final Path home = IdentityTestSupport.newHome("liandong-two-nodes-");
    ConfigurableApplicationContext nodeA;
    ConfigurableApplicationContext nodeB;

    /** The datasource (and Flyway) arguments that put the nodes on the same database. */
    abstract List<String> databaseArguments();

    /** What the scenarios tell every node besides its port, home, id, database and admin password. */
    abstract List<String> nodeArguments();

    /** Where a node is built: override to add beans, such as a clock the tests move. */
    SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(LiandongApplication.class);
    }

    @BeforeAll
    void startTwoNodes() {
        nodeA = start("node-a");
        nodeB = start("node-b");
    }

    @AfterAll
    void stopNodes() {
        nodeB.close();
        nodeA.close();
    }

    /** Starts one more node of the center, with the given id. */
    ConfigurableApplicationContext start(String nodeId) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--liandong.home=" + home,
                "--liandong.node-id=" + nodeId,
                "--liandong.scheduling.enabled=false",
                "--liandong.security.admin-password=" + ADMIN_PASSWORD,
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--spring.datasource.hikari.minimum-idle=1"));
        args.addAll(nodeArguments());
        args.addAll(databaseArguments());
        return application().run(args.toArray(String[]::new));
    }

    JdbcClient jdbc() {
        return nodeA.getBean(JdbcClient.class);
    }

    static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    /** A fresh in-memory H2 database of this JVM, shared by the nodes. */
    static List<String> sharedH2() {
        String name = "nodes" + UUID.randomUUID().toString().replace("-", "");
        return List.of(
                "--spring.datasource.url=jdbc:h2:mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa",
                "--spring.datasource.password=");
    }

    /** A fresh schema of the PostgreSQL server at 127.0.0.1:5432, shared by the nodes. */
    static List<String> sharedPostgres() {
        String schema = Databases.freshPostgresSchema();
        return List.of(
                "--spring.datasource.url=" + Databases.PG_URL + "?currentSchema=" + schema,
                "--spring.datasource.username=" + Databases.PG_USER,
                "--spring.datasource.password=",
                "--spring.flyway.schemas=" + schema);
    }
}
