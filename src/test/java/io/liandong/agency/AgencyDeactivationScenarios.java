package io.liandong.agency;

import static io.liandong.testing.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liandong.agency.internal.AgencyAdministration;
import io.liandong.deployment.InvalidDeploymentException;
import io.liandong.deployment.ReferenceDeployment;
import io.liandong.incident.IncidentService;
import io.liandong.shared.security.Actor;
import io.liandong.shared.security.UserPlaces;
import io.liandong.shared.web.Problem;
import io.liandong.testing.Api;
import io.liandong.testing.Api.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deactivating an agency against what the other modules hold of it: its open tasks and its
 * enabled users block it, and an order or a user saved at the same moment either blocks it or is
 * refused, in both orders. On the whole application ({@link AgencyApiScenarios} starts the
 * reference data modules alone, without dispatch and identity); H2 and PostgreSQL by the subclasses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=" + AgencyDeactivationScenarios.ADMIN_PASSWORD,
            "liandong.security.demo-password=" + AgencyDeactivationScenarios.DEMO_PASSWORD,
            "liandong.security.demo-accounts=true",
            "liandong.home=target/test-home",
        })
abstract class AgencyDeactivationScenarios {

    static final String ADMIN_PASSWORD = "admin-Deact-1234";
    static final String DEMO_PASSWORD = "demo-Deact-1234";
    private static final AtomicInteger PLACE = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    AgencyAdministration agencyAdministration;

    @Autowired
    IncidentService incidents;

    @Autowired
    AgencyService agencies;

    @Autowired
    ReferenceDeployment deployment;

    @Autowired
    UserPlaces userPlaces;

    Api admin;
    Api callTaker;
    Api commander;

    @BeforeEach
    void users() {
        admin = Api.as(port, "admin", ADMIN_PASSWORD);
        callTaker = Api.as(port, "calltaker", DEMO_PASSWORD);
        commander = Api.as(port, "commander", DEMO_PASSWORD);
    }

    @Test
    @DisplayName("open tasks block a deactivation (409 naming each); once completed or cancelled it succeeds")
    void openTasksBlockUntilCompletedOrCancelled() {
        String agency = newAgency();
        long first = newIncident();
        long second = newIncident();
        long completed = dispatch(first, agency);
        long cancelled = dispatch(second, agency);

        Answer refused = admin.delete("/api/agencies/" + agency);
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.str("type")).isEqualTo("urn:liandong:problem:conflict");
        assertThat(refused.str("detail"))
                .isEqualTo("agency " + agency + " cannot be deactivated: still has 2 open tasks " + completed
                        + " (incident " + first + "), " + cancelled + " (incident " + second
                        + "): change those first");
        assertThat(version(agency)).isZero();
        assertThat(audits(agency)).isZero();

        // The administrator takes the task's steps for the agency: acknowledged, then completed.
        Answer acknowledged = admin.post("/api/tasks/" + completed + "/acknowledge", map("version", 0));
        assertThat(acknowledged.status()).as(acknowledged.text()).isEqualTo(200);
        Answer done = admin.post("/api/tasks/" + completed + "/complete", map("version", acknowledged.version()));
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(admin.delete("/api/agencies/" + agency).str("detail"))
                .endsWith("still has 1 open task " + cancelled + " (incident " + second + "): change those first");

        // Closing the incident cancels its open tasks.
        Answer closed = commander.post(
                "/api/incidents/" + second + "/orders/close", map("version", incidentVersion(second), "reason", "已处置"));
        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        Answer deactivated = admin.delete("/api/agencies/" + agency);
        assertThat(deactivated.status()).as(deactivated.text()).isEqualTo(200);
        assertThat(deactivated.json().get("active").asBoolean()).isFalse();
        assertThat(audits(agency)).isOne();
    }

    @Test
    @DisplayName("an import of the deployment that deactivates an agency with an open task is refused whole")
    void anImportCannotDeactivateAnAgencyWithOpenTasks() {
        String code = newAgency();
        long incident = newIncident();
        long task = dispatch(incident, code);
        Agency current = agencies.find(code).orElseThrow();
        Agency inactive = new Agency(
                current.code(),
                current.nameZh(),
                current.nameEn() + " (imported)",
                current.kind(),
                current.residency(),
                current.seasons(),
                current.districts(),
                current.member(),
                current.chiefRep(),
                false);
        int imports = imports();

        assertThatThrownBy(() -> agencies.importAll(List.of(), List.of(inactive), List.of(), Actor.SYSTEM))
                .isInstanceOfSatisfying(Problem.class, problem -> {
                    assertThat(problem.status().value()).isEqualTo(409);
                    assertThat(problem.getMessage())
                            .isEqualTo(
                                    "agency " + code + " cannot be deactivated by this import: still has 1 open task "
                                            + task + " (incident " + incident + "): change those first");
                });
        assertThat(version(code)).isZero();
        assertThat(jdbc.sql("SELECT active FROM agency WHERE code = ?")
                        .param(code)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(imports()).isEqualTo(imports);

        Answer closed = commander.post(
                "/api/incidents/" + incident + "/orders/close",
                map("version", incidentVersion(incident), "reason", "已处置"));
        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        agencies.importAll(List.of(), List.of(inactive), List.of(), Actor.SYSTEM);
        assertThat(jdbc.sql("SELECT active FROM agency WHERE code = ?")
                        .param(code)
                        .query(Boolean.class)
                        .single())
                .isFalse();
        assertThat(imports()).isEqualTo(imports + 1);
    }

    @Test
    @DisplayName("the deployment's check lists an agency it would deactivate with open tasks; its import is refused")
    void theDeploymentCheckAndImportRefuseToDeactivateAnAgencyWithOpenTasks(@TempDir Path folder) throws Exception {
        String code = newAgency();
        long incident = newIncident();
        long task = dispatch(incident, code);
        deployment.exportTo(folder);
        Path file = folder.resolve("agencies.yaml");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int at = lines.indexOf(lines.stream()
                .filter(l -> l.strip().equals("- code: " + code))
                .findFirst()
                .orElseThrow());
        String indent = lines.get(at + 1)
                .substring(0, lines.get(at + 1).indexOf(lines.get(at + 1).strip()));
        lines.add(at + 1, indent + "active: false");
        Files.write(file, lines);
        String problem = "agencies.yaml: agency " + code + " cannot be deactivated: still has 1 open task " + task
                + " (incident " + incident + "): change those first";

        // (other tests of this class leave agencies behind that make other problems of their own)
        assertThat(deployment.check(folder)).contains(problem);
        assertThatThrownBy(() -> deployment.importFrom(folder, Actor.SYSTEM))
                .isInstanceOfSatisfying(InvalidDeploymentException.class, refused -> assertThat(refused.problems())
                        .contains(problem));
        assertThat(jdbc.sql("SELECT active FROM agency WHERE code = ?")
                        .param(code)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    @DisplayName("a refusal names the number of open tasks and the first ten by id")
    void aRefusalNamesTheFirstTenOpenTasks() {
        String agency = newAgency();
        List<String> named = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long incident = newIncident();
            named.add(dispatch(incident, agency) + " (incident " + incident + ")");
        }

        Answer refused = admin.delete("/api/agencies/" + agency);
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.str("detail"))
                .isEqualTo("agency " + agency + " cannot be deactivated: still has 12 open tasks "
                        + String.join(", ", named.subList(0, 10)) + " and 2 more: change those first");
    }

    @Test
    @DisplayName("an enabled user of the agency blocks its deactivation (409 naming it); a disabled one does not")
    void enabledUsersBlockDisabledOnesDoNot() {
        String agency = newAgency();
        String clerk = agency.toLowerCase(java.util.Locale.ROOT) + "-clerk";
        String former = agency.toLowerCase(java.util.Locale.ROOT) + "-former";
        assertThat(createUser(clerk, agency, true).status()).isEqualTo(201);
        assertThat(createUser(former, agency, false).status()).isEqualTo(201);

        Answer refused = admin.delete("/api/agencies/" + agency);
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.str("detail"))
                .isEqualTo("agency " + agency + " cannot be deactivated: still has enabled users " + clerk
                        + ": change those first");
        assertThat(version(agency)).isZero();

        Answer disabled = admin.put(
                "/api/users/" + clerk,
                map(
                        "version",
                        admin.get("/api/users/" + clerk).version(),
                        "roles",
                        List.of("AGENCY_CLERK"),
                        "agency",
                        agency,
                        "enabled",
                        false));
        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
        Answer deactivated = admin.delete("/api/agencies/" + agency);
        assertThat(deactivated.status()).as(deactivated.text()).isEqualTo(200);
    }

    @Test
    @DisplayName("a dispatch order holding the agency keeps its deactivation waiting, which then names the new task")
    void aDispatchUnderWayBlocksTheDeactivationThatWaitsForIt() throws Exception {
        String agency = newAgency();
        long incident = newIncident();
        int version = incidentVersion(incident);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            long[] task = new long[1];
            Future<Answer> deactivation = new TransactionTemplate(transactions).execute(status -> {
                task[0] = incidents
                        .dispatchAgency(incident, version, agency, "到场", null, null, Actor.SYSTEM)
                        .id();
                return whileHeld(other, () -> admin.delete("/api/agencies/" + agency));
            });

            Answer refused = deactivation.get(30, TimeUnit.SECONDS);
            assertThat(refused.status()).as(refused.text()).isEqualTo(409);
            assertThat(refused.str("detail"))
                    .contains("still has 1 open task " + task[0] + " (incident " + incident + ")");
            assertThat(version(agency)).isZero();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    @DisplayName("a dispatch order while its agency is being deactivated waits and is then refused, issuing nothing")
    void aDispatchDuringADeactivationWaitsAndIsRefused() throws Exception {
        String agency = newAgency();
        long incident = newIncident();
        int version = incidentVersion(incident);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Answer> dispatch = new TransactionTemplate(transactions).execute(status -> {
                agencyAdministration.deactivate(agency, null, Actor.SYSTEM);
                return whileHeld(
                        other,
                        () -> commander.post(
                                "/api/incidents/" + incident + "/orders/dispatch",
                                map("version", version, "agency", agency, "instructions", "到场")));
            });

            Answer refused = dispatch.get(30, TimeUnit.SECONDS);
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("agency");
            assertThat(tasksOf(agency)).isZero();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    @DisplayName("a user being saved into the agency keeps its deactivation waiting, which then names the user")
    void aUserSavedIntoTheAgencyBlocksTheDeactivationThatWaitsForIt() throws Exception {
        String agency = newAgency();
        String username = agency.toLowerCase(java.util.Locale.ROOT) + "-new";
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Answer> deactivation = new TransactionTemplate(transactions).execute(status -> {
                // What user administration does when it saves a user: checks the agency (holding
                // its row), then writes the user.
                assertThat(userPlaces.isActiveAgency(agency)).isTrue();
                jdbc.sql(
                                """
                                INSERT INTO app_user (username, password_hash, display_name, roles, agency_code,
                                                      enabled, created_at)
                                VALUES (?, 'x', ?, 'AGENCY_CLERK', ?, TRUE, ?)""")
                        .params(username, username, agency, java.sql.Timestamp.from(Instant.now()))
                        .update();
                return whileHeld(other, () -> admin.delete("/api/agencies/" + agency));
            });

            Answer refused = deactivation.get(30, TimeUnit.SECONDS);
            assertThat(refused.status()).as(refused.text()).isEqualTo(409);
            assertThat(refused.str("detail")).contains("still has enabled users " + username);
            assertThat(version(agency)).isZero();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    @DisplayName("a user saved into an agency being deactivated waits and is then refused with 400 on agency")
    void aUserSavedDuringADeactivationWaitsAndIsRefused() throws Exception {
        String agency = newAgency();
        String username = agency.toLowerCase(java.util.Locale.ROOT) + "-late";
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Answer> save = new TransactionTemplate(transactions).execute(status -> {
                agencyAdministration.deactivate(agency, null, Actor.SYSTEM);
                return whileHeld(other, () -> createUser(username, agency, true));
            });

            Answer refused = save.get(30, TimeUnit.SECONDS);
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("agency");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = ?")
                            .param(username)
                            .query(Integer.class)
                            .single())
                    .isZero();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    @DisplayName("activating a plan that names an agency deactivated meanwhile (another node's copy) is refused")
    void activatingAPlanWhoseAgencyIsNoLongerActiveIsRefused() {
        String agency = newAgency();
        String plan = "PLAN-" + agency;
        Answer created = admin.post(
                "/api/plans",
                map(
                        "code", plan,
                        "nameZh", "停用",
                        "nameEn", "Retired",
                        "category", "ACC-GAS-LEAK",
                        "minSeverity", "IV",
                        "tasks", List.of(map("agency", agency, "taskZh", "做", "taskEn", "Do"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long incident = newIncident();
        int version = incidentVersion(incident);
        // As another node's deactivation after the plan was changed there: in the database only.
        jdbc.sql("UPDATE agency SET active = FALSE WHERE code = ?")
                .param(agency)
                .update();

        Answer refused = commander.post(
                "/api/incidents/" + incident + "/orders/activate-plan", map("version", version, "plan", plan));
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.str("detail")).contains("tasks agencies that are no longer active: " + agency);
        assertThat(tasksOf(agency)).isZero();
        assertThat(incidentVersion(incident)).isEqualTo(version);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /**
     * Sends the request on the other thread while this thread's transaction holds a row, waits
     * until the request's statement waits for that transaction, and answers its future.
     */
    private Future<Answer> whileHeld(ExecutorService other, Callable<Answer> request) {
        String holder = jdbc.sql(
                        postgres()
                                ? "SELECT CAST(pg_backend_pid() AS VARCHAR)"
                                : "SELECT CAST(SESSION_ID() AS VARCHAR)")
                .query(String.class)
                .single();
        Future<Answer> answer = other.submit(request);
        try {
            waitUntilBlockedBy(holder, answer);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return answer;
    }

    private void waitUntilBlockedBy(String holder, Future<Answer> answer) throws Exception {
        String blocked = postgres()
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE CAST(? AS INT) = ANY(pg_blocking_pids(pid))"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = CAST(? AS INT)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(blocked)) {
            statement.setString(1, holder);
            for (int i = 0; i < 600; i++) {
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                if (answer.isDone()) {
                    throw new AssertionError("the request did not wait for the held row: "
                            + answer.get().text());
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the request did not wait for the held row within 30 s");
    }

    private boolean postgres() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String newAgency() {
        String code = "DEACT-" + PLACE.incrementAndGet() + "-CO";
        Answer created = admin.post(
                "/api/agencies",
                map(
                        "code", code,
                        "nameZh", "停用测试",
                        "nameEn", "Deactivation test",
                        "kind", "UTILITY",
                        "residency", "ON_CALL",
                        "districts", List.of("211302"),
                        "member", false));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return code;
    }

    private Answer createUser(String username, String agency, boolean enabled) {
        return admin.post(
                "/api/users",
                map(
                        "username", username,
                        "password", "Clerk-Secret-123",
                        "roles", List.of("AGENCY_CLERK"),
                        "agency", agency,
                        "enabled", enabled));
    }

    /** A gas case at a fresh place: an open incident (its plan tasks other agencies). */
    private long newIncident() {
        int n = PLACE.incrementAndGet();
        Answer intake = callTaker.post(
                "/api/reports",
                map(
                        "channel", "110",
                        "address", "双塔区停用路 " + n + " 号",
                        "lat", 41.10 + (n % 40) * 0.02,
                        "lon", 119.50 + (n / 40) * 0.03,
                        "districtCode", "211302",
                        "text", "闻到很浓的煤气味，邻居说有人要轻生",
                        "category", "SOC-SUICIDE-GAS"));
        assertThat(intake.status()).as(intake.text()).isEqualTo(201);
        return intake.id("incidentId");
    }

    private long dispatch(long incident, String agency) {
        Answer dispatched = commander.post(
                "/api/incidents/" + incident + "/orders/dispatch",
                map("version", incidentVersion(incident), "agency", agency, "instructions", "到场处置"));
        assertThat(dispatched.status()).as(dispatched.text()).isEqualTo(200);
        return dispatched.id("id");
    }

    private int incidentVersion(long incident) {
        return commander
                .get("/api/incidents/" + incident)
                .json()
                .get("incident")
                .get("version")
                .asInt();
    }

    private int version(String agency) {
        return jdbc.sql("SELECT version FROM agency WHERE code = ?")
                .param(agency)
                .query(Integer.class)
                .single();
    }

    private int audits(String agency) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'AGENCY_DEACTIVATED' AND target = ?")
                .param(agency)
                .query(Integer.class)
                .single();
    }

    private int imports() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'AGENCIES_IMPORTED'")
                .query(Integer.class)
                .single();
    }

    private int tasksOf(String agency) {
        return jdbc.sql("SELECT COUNT(*) FROM task WHERE agency_code = ?")
                .param(agency)
                .query(Integer.class)
                .single();
    }
}
