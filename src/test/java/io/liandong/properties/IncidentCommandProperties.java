package io.liandong.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.testing.Api;
import io.liandong.testing.Api.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;

/**
 * Property-based checks of the incident and task state machines through the HTTP API of a running
 * center: whatever the commander orders and the agencies report, in whatever order and with
 * whatever versions, no answer is a server error, an outdated version is always a conflict that
 * changes nothing, every accepted command leaves at least one entry on the record and every refused
 * one leaves none, the incident and its tasks stay in known states, a closed or cancelled incident
 * has no active task, and no record entry ever disappears or changes.
 *
 * <p>jqwik runs outside Spring's test support, so each subclass starts one center for its container
 * (on H2 or PostgreSQL) and sets the number of tries with {@code @PropertyDefaults}.
 */
abstract class IncidentCommandProperties {

    private static final Set<String> INCIDENT_STATES = Set.of("OPEN", "CLOSED", "CANCELLED");
    private static final Set<String> TASK_STATES =
            Set.of("ISSUED", "ACKNOWLEDGED", "ARRIVED", "COMPLETED", "RETURNED", "CANCELLED");
    private static final Set<String> ACTIVE_TASK_STATES = Set.of("ISSUED", "ACKNOWLEDGED", "ARRIVED");
    private static final Set<String> VERSION_KEEPING_ORDERS = Set.of("dispatch", "note");
    private static final Map<String, String> AGENCY_USERS = Map.of(
            "POLICE-SHUANGTA", "police",
            "FIRE-BRIGADE", "fire",
            "EMS-120", "ems",
            "GAS-CO", "gas",
            "LAW-ENFORCEMENT", "lawenf");
    private static final AtomicInteger PLACE = new AtomicInteger();

    private static Center center;

    static void startCenter(Center started) {
        center = started;
    }

    static void stopCenter() {
        if (center != null) {
            center.close();
            center = null;
        }
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    void noSequenceOfCommandsBreaksTheIncidentOrItsRecord(
            @ForAll("categories") String category, @ForAll("commandSequences") List<Command> commands) {
        play(category, commands, Conflicts.STEP_REFUSAL_FIRST);
    }

    /**
     * The stricter rule, which the incident orders already follow: whoever sends an outdated version
     * learns that first (409), whatever else is wrong with the command; except a step on a task that
     * is final, which no fresh version could move (422 {@code task-step-refused}).
     */
    @Property(shrinking = ShrinkingMode.BOUNDED)
    void anOutdatedVersionIsAlwaysAConflict(
            @ForAll("categories") String category, @ForAll("commandSequences") List<Command> commands) {
        play(category, commands, Conflicts.ALWAYS);
    }

    /** How an outdated version must be answered. */
    enum Conflicts {
        /** 409, except that a step on a final task is 422 (a retry with the fresh version cannot help). */
        ALWAYS,
        /**
         * 409, except that a step the task's current state refuses may be answered 422 first (as the
         * dispatch module does today); either way nothing changes.
         */
        STEP_REFUSAL_FIRST
    }

    private static void play(String category, List<Command> commands, Conflicts conflicts) {
        long incident = open(category);
        Snapshot before = snapshot(incident);
        before.checkConsistent("after the report");

        for (Command command : commands) {
            Answer answer = apply(command, incident, before);
            Snapshot after = snapshot(incident);
            String what = command + " on incident " + incident + " answered " + answer.status() + " "
                    + abbreviated(answer.text());
            checkAnswer(what, command, answer, before, after, conflicts);
            after.checkConsistent(what);
            Statistics.label("answers").collect(answer.status());
            before = after;
        }
        Statistics.label("incident at the end").collect(before.status());
        before.tasks().forEach(t -> Statistics.label("tasks at the end")
                .collect(t.get("status").asString()));
    }

    // ---- generators ------------------------------------------------------------------------

    /** A gas suicide opens an incident with four tasks; a noise complaint is diverted as a one-task case. */
    @Provide
    Arbitrary<String> categories() {
        return Arbitraries.frequency(Tuple.of(3, "SOC-SUICIDE-GAS"), Tuple.of(1, "SVC-NOISE"));
    }

    @Provide
    Arbitrary<List<Command>> commandSequences() {
        return Arbitraries.frequencyOf(Tuple.of(2, orders()), Tuple.of(3, steps()))
                .list()
                .ofMinSize(4)
                .ofMaxSize(12)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    private static Arbitrary<Command> orders() {
        Arbitrary<Map<String, Object>> because = Arbitraries.just(Map.of("reason", "现场研判"));
        return Arbitraries.oneOf(List.of(
                order("note", Arbitraries.just(Map.of("text", "指挥长备注：现场已疏散"))),
                order(
                        "severity",
                        Arbitraries.of("I", "II", "III", "IV").map(s -> Map.of("severity", s, "reason", "研判"))),
                order(
                        "priority",
                        Arbitraries.of("P1", "P2", "P3", "P4").map(p -> Map.of("priority", p, "reason", "研判"))),
                order("hand-over", because),
                order("close", because),
                order("cancel", because),
                order("reopen", because),
                order("activate-plan", Arbitraries.just(Map.of())),
                order(
                        "dispatch",
                        Arbitraries.of("GAS-CO", "EMS-120").map(a -> Map.of("agency", a, "instructions", "立即到场")))));
    }

    private static Arbitrary<Command> order(String name, Arbitrary<Map<String, Object>> fields) {
        return Combinators.combine(fields, Arbitraries.of("commander", "leader"), outdated())
                .as((f, user, outdated) -> new Command.Order(name, user, f, outdated));
    }

    /**
     * A named step, or {@code next}: the step that moves the picked task on from the state it is in
     * when the command runs, so that sequences also reach arrived and completed tasks.
     */
    private static Arbitrary<Command> steps() {
        return Combinators.combine(
                        Arbitraries.frequency(
                                Tuple.of(5, "next"),
                                Tuple.of(1, "acknowledge"),
                                Tuple.of(1, "arrive"),
                                Tuple.of(1, "report-back"),
                                Tuple.of(1, "complete"),
                                Tuple.of(1, "return")),
                        // biased to the first tasks, so that some tasks take several steps
                        Arbitraries.integers().between(0, 7).withDistribution(RandomDistribution.biased()),
                        outdated())
                .as(Command.Step::new);
    }

    /** One command in five carries a version that is no longer current. */
    private static Arbitrary<Boolean> outdated() {
        return Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true));
    }

    // ---- commands --------------------------------------------------------------------------

    private static long open(String category) {
        int n = PLACE.incrementAndGet();
        double lat = 41.05 + (n % 30) * 0.025;
        double lon = 119.45 + (n / 30) * 0.035;
        Answer answer = as("calltaker")
                .post(
                        "/api/reports",
                        Api.map(
                                "channel",
                                "110",
                                "address",
                                "双塔区某小区 " + n + " 号楼",
                                "lat",
                                lat,
                                "lon",
                                lon,
                                "text",
                                category.startsWith("SVC") ? "楼下烧烤店深夜噪音扰民" : "住户在家打开燃气阀门要轻生",
                                "category",
                                category));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.str("outcome")).isIn("INCIDENT_OPENED", "DIVERTED");
        return answer.id("incidentId");
    }

    private static Answer apply(Command command, long incident, Snapshot before) {
        if (command instanceof Command.Order order) {
            int version = order.outdated() ? notCurrent(before.version()) : before.version();
            return as(order.user()).post("/api/incidents/" + incident + "/orders/" + order.name(), order.body(version));
        }
        Command.Step step = (Command.Step) command;
        JsonNode task = before.tasks().get(step.pick() % before.tasks().size());
        int current = task.get("version").asInt();
        int version = step.outdated() ? notCurrent(current) : current;
        String user = AGENCY_USERS.getOrDefault(task.get("agency").asString(), "admin");
        String name = step.name().equals("next") ? nextStep(task.get("status").asString()) : step.name();
        return as(user).post("/api/tasks/" + task.get("id").asLong() + "/" + name, step.body(version));
    }

    private static boolean isActive(Command.Step step, Snapshot before) {
        JsonNode task = before.tasks().get(step.pick() % before.tasks().size());
        return ACTIVE_TASK_STATES.contains(task.get("status").asString());
    }

    /** The step that moves a task on; a final task is asked to complete, which it must refuse. */
    private static String nextStep(String status) {
        return switch (status) {
            case "ISSUED" -> "acknowledge";
            case "ACKNOWLEDGED" -> "arrive";
            default -> "complete";
        };
    }

    /** A version the sender saw earlier, or one ahead when there was none before. */
    private static int notCurrent(int version) {
        return version > 0 ? version - 1 : version + 1;
    }

    // ---- invariants ------------------------------------------------------------------------

    private static void checkAnswer(
            String what, Command command, Answer answer, Snapshot before, Snapshot after, Conflicts conflicts) {
        int status = answer.status();
        boolean accepted = status >= 200 && status < 300;
        assertThat(accepted || Set.of(400, 404, 409, 422).contains(status))
                .as("2xx, 400, 404, 409 or 422: " + what)
                .isTrue();
        if (command.outdated()) {
            boolean refusedFirst = command instanceof Command.Step step
                    && status == 422
                    && "urn:liandong:problem:task-step-refused".equals(answer.str("type"))
                    && (conflicts == Conflicts.STEP_REFUSAL_FIRST || !isActive(step, before));
            assertThat(status == 409 || refusedFirst)
                    .as("an outdated version is a conflict: " + what)
                    .isTrue();
        }

        List<JsonNode> kept = after.record()
                .subList(0, Math.min(before.record().size(), after.record().size()));
        assertThat(kept).as("no entry disappears or changes: " + what).isEqualTo(before.record());
        if (accepted && isRepeatedDispatch(command, answer, before)) {
            assertThat(after.record())
                    .as("a repeated dispatch answers the active task: " + what)
                    .isEqualTo(before.record());
            assertThat(after.taskStates())
                    .as("a repeated dispatch changes no task: " + what)
                    .isEqualTo(before.taskStates());
        } else if (accepted && isPlanInForceAgain(command, answer, before, after)) {
            assertThat(after.record())
                    .as("activating the plan in force with every agency tasked writes nothing: " + what)
                    .isEqualTo(before.record());
            assertThat(after.version())
                    .as("activating the plan in force with every agency tasked keeps the version: " + what)
                    .isEqualTo(before.version());
            assertThat(after.taskStates())
                    .as("activating the plan in force with every agency tasked changes no task: " + what)
                    .isEqualTo(before.taskStates());
        } else if (accepted) {
            assertThat(after.record().size())
                    .as("an accepted command is on the record: " + what)
                    .isGreaterThan(before.record().size());
            if (command instanceof Command.Order order) {
                checkVersionMoves(what, order, before, after);
            } else {
                long task = answer.id("id");
                assertThat(after.taskVersion(task))
                        .as("an accepted step makes every earlier version of the task outdated: " + what)
                        .isGreaterThan(before.taskVersion(task));
            }
        } else {
            assertThat(after.record())
                    .as("a refused command leaves no entry: " + what)
                    .isEqualTo(before.record());
            assertThat(after.version())
                    .as("a refused command changes nothing: " + what)
                    .isEqualTo(before.version());
            assertThat(after.taskStates())
                    .as("a refused command changes no task: " + what)
                    .isEqualTo(before.taskStates());
        }
    }

    /**
     * docs/api.md: activating the plan already in force when each of its agencies is tasked issues
     * no task and leaves the plan as it was; it writes nothing.
     */
    private static boolean isPlanInForceAgain(Command command, Answer answer, Snapshot before, Snapshot after) {
        return command instanceof Command.Order order
                && order.name().equals("activate-plan")
                && answer.json().isArray()
                && answer.json().isEmpty()
                && !before.incident().path("planCode").isNull()
                && before.incident().path("planCode").equals(after.incident().path("planCode"));
    }

    /**
     * docs/api.md: an agency has at most one active task per incident, so dispatching it again
     * answers that task, and records nothing.
     */
    private static boolean isRepeatedDispatch(Command command, Answer answer, Snapshot before) {
        if (!(command instanceof Command.Order order) || !order.name().equals("dispatch")) {
            return false;
        }
        long answered = answer.id("id");
        return before.tasks().stream()
                .anyMatch(t -> t.get("id").asLong() == answered
                        && t.get("agency").asString().equals(order.fields().get("agency"))
                        && ACTIVE_TASK_STATES.contains(t.get("status").asString()));
    }

    /**
     * docs/api.md: changes of the incident itself move its version on; dispatches and notes check
     * the version but keep it, so that two commanders may task different agencies at once.
     */
    private static void checkVersionMoves(String what, Command.Order order, Snapshot before, Snapshot after) {
        if (VERSION_KEEPING_ORDERS.contains(order.name())) {
            assertThat(after.version())
                    .as("a dispatch or note keeps the version: " + what)
                    .isEqualTo(before.version());
        } else {
            assertThat(after.version())
                    .as("an accepted change of the incident makes every earlier version outdated: " + what)
                    .isGreaterThan(before.version());
        }
    }

    /** The incident, its tasks (by id) and its record, as the commander sees them. */
    record Snapshot(JsonNode incident, List<JsonNode> tasks, List<JsonNode> record) {

        int version() {
            return incident.get("version").asInt();
        }

        String status() {
            return incident.get("status").asString();
        }

        int taskVersion(long id) {
            for (JsonNode task : tasks) {
                if (task.get("id").asLong() == id) {
                    return task.get("version").asInt();
                }
            }
            throw new AssertionError("task " + id + " is not among the incident's tasks " + taskStates());
        }

        List<String> taskStates() {
            List<String> states = new ArrayList<>();
            tasks.forEach(t -> states.add(t.get("id").asLong() + ":"
                    + t.get("status").asString() + "@" + t.get("version").asInt()));
            return states;
        }

        void checkConsistent(String what) {
            assertThat(status()).as("incident state " + what).isIn(INCIDENT_STATES);
            assertThat(tasks).as("tasks " + what).isNotEmpty();
            for (JsonNode task : tasks) {
                String state = task.get("status").asString();
                assertThat(state).as("task state " + what).isIn(TASK_STATES);
                if (!status().equals("OPEN")) {
                    assertThat(state)
                            .as("a " + status() + " incident has no active task, task " + task.get("id") + ": " + what)
                            .isNotIn(ACTIVE_TASK_STATES);
                }
            }
            long previous = Long.MIN_VALUE;
            for (JsonNode entry : record) {
                long id = entry.get("id").asLong();
                assertThat(id).as("record entry ids strictly increase: " + what).isGreaterThan(previous);
                previous = id;
            }
        }
    }

    private static Snapshot snapshot(long incident) {
        Answer detail = as("commander").get("/api/incidents/" + incident);
        Answer record = as("commander").get("/api/incidents/" + incident + "/record");
        assertThat(detail.status()).as(detail.text()).isEqualTo(200);
        assertThat(record.status()).as(record.text()).isEqualTo(200);
        List<JsonNode> tasks = new ArrayList<>();
        detail.json().get("tasks").forEach(tasks::add);
        tasks.sort((a, b) -> Long.compare(a.get("id").asLong(), b.get("id").asLong()));
        List<JsonNode> entries = new ArrayList<>();
        record.json().forEach(entries::add);
        return new Snapshot(detail.json().get("incident"), List.copyOf(tasks), List.copyOf(entries));
    }

    private static Api as(String user) {
        if (center == null) {
            throw new IllegalStateException("no center is running: the subclass must start one before its properties");
        }
        String password = user.equals("admin") ? Center.ADMIN_PASSWORD : Center.DEMO_PASSWORD;
        return Api.as(center.port(), user, password);
    }

    private static String abbreviated(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
