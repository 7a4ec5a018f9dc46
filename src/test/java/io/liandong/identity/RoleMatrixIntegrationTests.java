package io.liandong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Samples of the role matrix in docs/security.md. A role that may not do something gets 403
 * before any handler runs; a role that may gets past security (to the module's answer, or 404
 * while that module does not exist yet).
 */
class RoleMatrixIntegrationTests extends IdentityTestSupport {

    @ParameterizedTest(name = "{0} {1} {2} is refused")
    @CsvSource({
        "analyst,   POST, /api/reports",
        "leader,    POST, /api/reports",
        "police,    POST, /api/reports",
        "police,    GET,  /api/reports",
        "calltaker, GET,  /api/users",
        "commander, GET,  /api/audit",
        "police,    GET,  /api/incidents",
        "lawenf,    GET,  /api/incidents/nearby",
        "calltaker, POST, /api/incidents/9/orders/dispatch",
        "analyst,   POST, /api/incidents/9/orders/close",
        "commander, POST, /api/tasks/4/acknowledge",
        "analyst,   POST, /api/tasks/4/complete",
        "commander, POST, /api/tasks/4/attachments",
        "analyst,   GET,  /api/tasks/4/attachments",
        "analyst,   GET,  /api/tasks/4/attachments/1",
        "calltaker, GET,  /api/stats/summary",
        "police,    GET,  /api/notifications?recipient=GAS-CO",
        "analyst,   POST, /api/notifications/1/read",
        "commander, POST, /api/agencies",
        "commander, PUT,  /api/plans/PLAN-GAS-SUICIDE",
        "leader,    GET,  /api/not-in-the-matrix",
        "analyst,   GET,  /actuator/metrics"
    })
    void refuses(String user, String method, String path) {
        var answer = basic(user, DEMO_PASSWORD).send(method, path, body(method));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:liandong:problem:forbidden");
    }

    @ParameterizedTest(name = "{0} {1} {2} gets past security")
    @CsvSource({
        "calltaker, POST, /api/reports",
        "commander, POST, /api/reports/classify",
        "leader,    GET,  /api/reports",
        "police,    GET,  /api/incidents/9",
        "lawenf,    GET,  /api/incidents/9/record",
        "analyst,   GET,  /api/incidents",
        "leader,    POST, /api/incidents/9/orders/dispatch",
        "fire,      POST, /api/tasks/4/acknowledge",
        "lawenf,    POST, /api/tasks/4/return",
        "ems,       GET,  /api/tasks",
        "fire,      POST, /api/tasks/4/attachments",
        "leader,    GET,  /api/tasks/4/attachments",
        "calltaker, GET,  /api/tasks/4/attachments/1",
        "analyst,   GET,  /api/stats/summary",
        "calltaker, GET,  /api/notifications",
        "police,    GET,  /api/notifications",
        "leader,    POST, /api/notifications/1/read",
        "gas,       GET,  /api/agencies",
        "police,    GET,  /api/categories",
        "police,    GET,  /api/me",
        "gas,       GET,  /api/stream/records"
    })
    void allows(String user, String method, String path) {
        var answer = basic(user, DEMO_PASSWORD).send(method, path, body(method));

        assertThat(answer.status()).isNotIn(401, 403);
    }

    @ParameterizedTest(name = "anonymous GET {0} is public")
    @CsvSource({"/actuator/health", "/api/public/anything", "/v3/api-docs"})
    void publicPaths(String path) {
        assertThat(anonymous().get(path).status()).isNotIn(401, 403);
    }

    private static Object body(String method) {
        return "GET".equals(method) ? null : Map.of();
    }
}
