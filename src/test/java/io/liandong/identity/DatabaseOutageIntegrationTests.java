package io.liandong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.LiandongApplication;
import io.liandong.identity.HttpClientFixture.Answer;
import io.liandong.testing.Databases;
import io.liandong.testing.RequiresPostgres;
import io.liandong.testing.TcpRelay;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node whose PostgreSQL goes away (its connections cut, nothing listening) answers every kind
 * of request with 503 {@code database-unavailable} or {@code login-unavailable} and a problem
 * body, never 500, and serves again by itself once the database is back.
 */
@RequiresPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIntegrationTests {

    private static final String ADMIN_PASSWORD = "admin-Secret-123";
    private static final List<String> UNAVAILABLE =
            List.of("urn:liandong:problem:database-unavailable", "urn:liandong:problem:login-unavailable");

    private TcpRelay relay;
    private ConfigurableApplicationContext node;
    private int port;

    @BeforeAll
    void startNodeBehindRelay() {
        URI server = URI.create(Databases.PG_URL.substring("jdbc:".length()));
        relay = TcpRelay.to(server.getHost(), server.getPort());
        String schema = Databases.freshPostgresSchema();
        node = new SpringApplicationBuilder(LiandongApplication.class)
                .run(
                        "--server.port=0",
                        "--liandong.home=" + IdentityTestSupport.newHome("liandong-outage-"),
                        "--liandong.scheduling.enabled=false",
                        "--liandong.reference.load-on-first-start=false",
                        "--liandong.security.demo-accounts=false",
                        "--liandong.security.admin-password=" + ADMIN_PASSWORD,
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + relay.port() + server.getPath()
                                + "?currentSchema=" + schema,
                        "--spring.datasource.username=" + Databases.PG_USER,
                        "--spring.datasource.password=",
                        "--spring.flyway.schemas=" + schema,
                        "--spring.datasource.hikari.maximum-pool-size=2",
                        "--spring.datasource.hikari.minimum-idle=1",
                        "--spring.datasource.hikari.connection-timeout=1000");
        port = ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    @AfterAll
    void stop() {
        relay.restore();
        node.close();
        relay.close();
    }

    @Test
    void everyKindOfRequestGets503WhileTheDatabaseIsAwayAndServesAgainAfter() throws Exception {
        HttpClientFixture console = HttpClientFixture.browser(port);
        assertThat(console.login("admin", ADMIN_PASSWORD).status()).isEqualTo(200);
        HttpClientFixture machine = HttpClientFixture.basic(port, "admin", ADMIN_PASSWORD);
        assertThat(machine.get("/api/me").status()).isEqualTo(200);

        relay.cut();
        Answer session = console.get("/api/me");
        Answer basic = machine.get("/api/me");
        Answer report =
                machine.post("/api/reports", Map.of("channel", "110", "text", "楼道里有煤气味", "lat", 33.96, "lon", 118.27));
        Answer form = HttpClientFixture.browser(port).login("admin", ADMIN_PASSWORD);

        for (Answer answer : List.of(session, basic, report, form)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.json().get("type").asString()).as(answer.body()).isIn(UNAVAILABLE);
            assertThat(answer.header("Retry-After")).as(answer.body()).isEqualTo("5");
        }
        assertThat(session.json().get("type").asString()).isEqualTo(UNAVAILABLE.get(0));

        relay.restore();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Answer again = console.get("/api/me");
        while (again.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            again = console.get("/api/me");
        }
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(machine.get("/api/me").status()).isEqualTo(200);
    }
}
