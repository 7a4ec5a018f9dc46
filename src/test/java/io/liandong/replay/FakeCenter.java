package io.liandong.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for a center's HTTP API on 127.0.0.1, enough for replay tests: it keeps reports,
 * incidents and tasks in memory, checks versions and task states like the real one, and records
 * every request. {@link #override} lets a test answer some requests itself (errors, refusals).
 */
final class FakeCenter implements AutoCloseable {

    static final String TOKEN = "fake-token";

    /** A request as the center saw it. */
    record Request(
            String method,
            String path,
            @Nullable String idempotencyKey,
            String authorization,
            @Nullable JsonNode body) {

        String line() {
            return method + " " + path;
        }
    }

    /** A canned answer. */
    record Reply(int status, String body) {

        static Reply problem(int status, String type, String detail) {
            return new Reply(
                    status,
                    "{\"type\":\"urn:liandong:problem:" + type + "\",\"title\":\"" + type + "\",\"status\":" + status
                            + ",\"detail\":\"" + detail + "\"}");
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, ObjectNode> answersByKey = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> incidents = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> tasks = new LinkedHashMap<>();
    private long nextId = 1;
    private volatile Function<Request, @Nullable Reply> override = request -> null;
    /** Category to the agency the center tasks when it opens an incident; absent: no task. */
    final Map<String, String> owners = new LinkedHashMap<>();
    /** Categories the center diverts instead of opening an incident. */
    final List<String> diverted = new ArrayList<>();
    /** Category of reports that merge into the first incident of the same category. */
    final List<String> merging = new ArrayList<>();
    /** Codes listed by {@code GET /api/categories} and {@code GET /api/agencies}. */
    final List<String> categories = new ArrayList<>(List.of("PHE-MEDICAL", "ACC-FIRE-BUILDING", "ACC"));

    final List<String> agencies = new ArrayList<>(List.of("FIRE-BRIGADE", "EMS-120"));

    static {
        // Answers go out at once instead of waiting for the client's delayed acknowledgement (40 ms a request).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakeCenter() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void override(Function<Request, @Nullable Reply> answer) {
        this.override = answer;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Request lines after the login and code checks, in the order received. */
    synchronized List<String> playLines() {
        return requests.stream()
                .map(Request::line)
                .filter(line -> !line.startsWith("GET /api/me")
                        && !line.contains("/tokens")
                        && !line.equals("GET /api/categories")
                        && !line.equals("GET /api/agencies"))
                .toList();
    }

    synchronized ObjectNode task(long id) {
        return tasks.get(id);
    }

    synchronized int reportCount() {
        return answersByKey.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] in = exchange.getRequestBody().readAllBytes();
        JsonNode body = in.length == 0 ? null : json.readTree(in);
        Request request = new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                body);
        Reply reply;
        synchronized (this) {
            requests.add(request);
            Reply overridden = override.apply(request);
            reply = overridden != null ? overridden : route(request);
        }
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", reply.status() >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private static final Pattern INCIDENT = Pattern.compile("/api/incidents/(\\d+)");
    private static final Pattern DISPATCH = Pattern.compile("/api/incidents/(\\d+)/orders/dispatch");
    private static final Pattern TASK = Pattern.compile("/api/tasks/(\\d+)");
    private static final Pattern STEP = Pattern.compile("/api/tasks/(\\d+)/(acknowledge|arrive|complete)");

    private Reply route(Request r) {
        String line = r.line();
        Matcher m;
        if (line.equals("GET /api/me")) {
            return new Reply(200, "{\"username\":\"admin\",\"roles\":[\"ADMIN\"]}");
        }
        if (line.equals("POST /api/users/admin/tokens")) {
            return new Reply(201, "{\"id\":7,\"username\":\"admin\",\"name\":\"x\",\"token\":\"" + TOKEN + "\"}");
        }
        if (line.equals("DELETE /api/users/admin/tokens/7")) {
            return new Reply(204, "");
        }
        if (line.equals("GET /api/categories")) {
            return codes(categories);
        }
        if (line.equals("GET /api/agencies")) {
            return codes(agencies);
        }
        if (line.equals("POST /api/reports")) {
            return report(r);
        }
        if (r.method().equals("GET") && (m = INCIDENT.matcher(r.path())).matches()) {
            ObjectNode incident = incidents.get(Long.parseLong(m.group(1)));
            return incident == null ? Reply.problem(404, "not-found", "no incident") : ok(200, detail(incident));
        }
        if (r.method().equals("POST") && (m = DISPATCH.matcher(r.path())).matches()) {
            return dispatch(Long.parseLong(m.group(1)), r.body());
        }
        if (r.method().equals("GET") && (m = TASK.matcher(r.path())).matches()) {
            ObjectNode task = tasks.get(Long.parseLong(m.group(1)));
            return task == null ? Reply.problem(404, "not-found", "no task") : ok(200, task);
        }
        if (r.method().equals("POST") && (m = STEP.matcher(r.path())).matches()) {
            return step(Long.parseLong(m.group(1)), m.group(2), r.body());
        }
        return Reply.problem(404, "not-found", "no route " + line);
    }

    private Reply report(Request r) {
        ObjectNode earlier = answersByKey.get(r.idempotencyKey());
        if (earlier != null) {
            return ok(200, earlier);
        }
        if (!r.body().has("address") && !r.body().has("lat")) {
            // as the center answers: the detail repeats the field error, a null rejected value is left out
            return new Reply(
                    400,
                    "{\"type\":\"urn:liandong:problem:validation\",\"title\":\"Invalid request\",\"status\":400,"
                            + "\"detail\":\"address: an address or a lat/lon point is required\",\"errors\":"
                            + "[{\"field\":\"address\",\"message\":\"an address or a lat/lon point is required\"}]}");
        }
        String category = r.body().path("category").asString("ACC");
        String at = r.body().path("receivedAt").asString();
        ObjectNode answer = json.createObjectNode();
        answer.put("reportId", nextId++);
        ArrayNode taskIds = answer.putArray("taskIds");
        if (diverted.contains(category)) {
            ObjectNode incident = incident(category, at);
            taskIds.add(newTask(incident, owners.getOrDefault(category, "LAW-ENFORCEMENT"), at));
            answer.put("outcome", "DIVERTED")
                    .put("incidentId", incident.path("id").asLong());
        } else if (merging.contains(category) && firstOf(category) != null) {
            answer.put("outcome", "MERGED")
                    .put("incidentId", firstOf(category).path("id").asLong());
        } else {
            ObjectNode incident = incident(category, at);
            String owner = owners.get(category);
            if (owner != null) {
                taskIds.add(newTask(incident, owner, at));
            }
            answer.put("outcome", "INCIDENT_OPENED")
                    .put("incidentId", incident.path("id").asLong());
        }
        answer.put("category", category);
        answersByKey.put(r.idempotencyKey(), answer);
        return ok(201, answer);
    }

    /** As the real center answers {@code GET /api/incidents/{id}}: the incident, then its tasks. */
    private JsonNode detail(ObjectNode incident) {
        ObjectNode detail = json.createObjectNode();
        ObjectNode view = detail.putObject("incident");
        incident.properties().stream()
                .filter(e -> !e.getKey().equals("tasks"))
                .forEach(e -> view.set(e.getKey(), e.getValue()));
        detail.set("tasks", incident.get("tasks"));
        return detail;
    }

    private Reply codes(List<String> codes) {
        ArrayNode list = json.createArrayNode();
        codes.forEach(code -> list.addObject().put("code", code));
        return ok(200, list);
    }

    private @Nullable ObjectNode firstOf(String category) {
        return incidents.values().stream()
                .filter(i -> i.path("category").asString().equals(category))
                .findFirst()
                .orElse(null);
    }

    private ObjectNode incident(String category, String at) {
        ObjectNode incident = json.createObjectNode();
        long id = nextId++;
        incident.put("id", id).put("category", category).put("openedAt", at).put("version", 0);
        incident.putArray("tasks");
        incidents.put(id, incident);
        return incident;
    }

    private long newTask(ObjectNode incident, String agency, String at) {
        ObjectNode task = json.createObjectNode();
        long id = nextId++;
        task.put("id", id)
                .put("incidentId", incident.path("id").asLong())
                .put("agency", agency)
                .put("status", "ISSUED")
                .put("issuedAt", at)
                .put("version", 0);
        tasks.put(id, task);
        ((ArrayNode) incident.get("tasks")).add(task);
        return id;
    }

    private Reply dispatch(long incidentId, JsonNode body) {
        ObjectNode incident = incidents.get(incidentId);
        if (incident == null) {
            return Reply.problem(404, "not-found", "no incident " + incidentId);
        }
        if (body.path("version").asLong() != incident.path("version").asLong()) {
            return Reply.problem(409, "stale-version", "incident is at version " + incident.path("version"));
        }
        incident.put("version", incident.path("version").asLong() + 1);
        long id = newTask(
                incident, body.path("agency").asString(), body.path("at").asString());
        return ok(201, tasks.get(id));
    }

    private Reply step(long taskId, String step, JsonNode body) {
        ObjectNode task = tasks.get(taskId);
        if (task == null) {
            return Reply.problem(404, "not-found", "no task " + taskId);
        }
        String status = task.path("status").asString();
        if (Set.of("COMPLETED", "RETURNED", "CANCELLED").contains(status)) {
            // As the center: a final task takes no step, whatever version was sent (422, not 409).
            return Reply.problem(422, "task-step-refused", "task " + taskId + " is already " + status);
        }
        if (body.path("version").asLong() != task.path("version").asLong()) {
            return Reply.problem(409, "stale-version", "task is at version " + task.path("version"));
        }
        String to =
                switch (step) {
                    case "acknowledge" -> status.equals("ISSUED") ? "ACKNOWLEDGED" : null;
                    case "arrive" -> status.equals("ACKNOWLEDGED") ? "ARRIVED" : null;
                    default -> status.equals("ACKNOWLEDGED") || status.equals("ARRIVED") ? "COMPLETED" : null;
                };
        if (to == null) {
            return Reply.problem(422, "task-step-refused", "task " + taskId + " is " + status);
        }
        task.put("status", to)
                .put("version", task.path("version").asLong() + 1)
                .put(step + "At", body.path("at").asString());
        return ok(200, task);
    }

    private Reply ok(int status, JsonNode body) {
        return new Reply(status, json.writeValueAsString(body));
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
