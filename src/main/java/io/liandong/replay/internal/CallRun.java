package io.liandong.replay.internal;

import io.liandong.replay.internal.PlannedCall.AgencyPlay;
import io.liandong.replay.internal.PlannedCall.PlannedStep;
import io.liandong.replay.internal.PlannedCall.StepRejection;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays one call against the center, one move at a time: first its report, then its agencies'
 * steps in time order. Only one thread runs a call at a time, so a call's rows stay in order.
 *
 * <p>For each agency the task is looked up on the incident (a plan or an earlier call may have
 * issued it) and ordered only if there is none; a step the task has already passed counts as
 * already played, so a second replay into the same center adds nothing. A stale version (409) is
 * re-read and retried a bounded number of times.
 */
final class CallRun {

    static final int CONFLICT_ATTEMPTS = 5;

    private static final Map<String, Integer> RANK =
            Map.of("ISSUED", 0, "ACKNOWLEDGED", 1, "ARRIVED", 2, "COMPLETED", 3);

    private final PlannedCall call;
    private final CenterClient center;
    private final Tally tally;
    private final JsonMapper json;
    private final ConcurrentMap<Long, CompletableFuture<Void>> incidentTails;
    private final List<Move> moves = new ArrayList<>();
    private int next;

    /** Completes once the report has been sent, whatever the answer. */
    final CompletableFuture<Void> filed = new CompletableFuture<>();
    /** Completes once every move has been played and the rows settled. */
    final CompletableFuture<Void> finished = new CompletableFuture<>();

    private CompletableFuture<?> intakeGate = CompletableFuture.completedFuture(null);
    private CompletableFuture<?> stepGate = CompletableFuture.completedFuture(null);

    private boolean accepted;
    private @Nullable Rejection refusal;
    private @Nullable Rejection failure;
    private long incidentId;
    private String outcome = "";
    private final List<Long> issued = new ArrayList<>();
    private final Map<AgencyPlay, List<TaskState>> tasks = new IdentityHashMap<>();
    private final Set<AgencyPlay> dead = new HashSet<>();
    private final Map<AgencyPlay, Rejection> failedPlays = new IdentityHashMap<>();
    private final Set<Long> playedTasks = new HashSet<>();
    private int dispatchedHere;

    /** A report (play {@code null}) or a step of one agency's play. */
    private record Move(@Nullable AgencyPlay play, @Nullable PlannedStep step, Instant at) {}

    /** What we know of a task: enough to send its next step. */
    private static final class TaskState {
        final long id;
        long version;
        String status;

        TaskState(long id, long version, String status) {
            this.id = id;
            this.version = version;
            this.status = status;
        }

        void update(JsonNode task) {
            version = task.path("version").asLong(version);
            status = task.path("status").asString(status);
        }
    }

    /**
     * {@code incidentTails} is shared by all calls of a replay: per incident, the last call that
     * acts on it; a call plays its steps only after the one before it on the same incident is done.
     */
    CallRun(
            PlannedCall call,
            CenterClient center,
            Tally tally,
            JsonMapper json,
            ConcurrentMap<Long, CompletableFuture<Void>> incidentTails) {
        this.incidentTails = incidentTails;
        this.call = call;
        this.center = center;
        this.tally = tally;
        this.json = json;
        moves.add(new Move(null, null, call.receivedAt()));
        List<Move> steps = new ArrayList<>();
        for (AgencyPlay play : call.plays()) {
            for (PlannedStep step : play.steps()) {
                steps.add(new Move(play, step, step.at()));
            }
        }
        steps.sort(Comparator.comparing(Move::at));
        moves.addAll(steps);
    }

    PlannedCall call() {
        return call;
    }

    /** Whether the report has been sent (it is the first move). */
    boolean started() {
        return next > 0;
    }

    /** The log time of the next move, or {@code null} when the call is done. */
    @Nullable
    Instant nextAt() {
        return done() ? null : moves.get(next).at();
    }

    boolean done() {
        return next >= moves.size() || refusal != null || failure != null;
    }

    /** Calls whose reports must be filed before this one's. */
    void fileAfter(CompletableFuture<?> gate) {
        intakeGate = gate;
    }

    /** What must complete before the next move may be played. */
    CompletableFuture<?> gate() {
        return next == 0 ? intakeGate : stepGate;
    }

    /** Plays the next move. */
    void playNext() throws InterruptedException {
        Move move = moves.get(next++);
        if (move.play() == null) {
            try {
                file();
            } finally {
                filed.complete(null);
            }
        } else if (!dead.contains(move.play()) && !failedPlays.containsKey(move.play())) {
            step(move.play(), move.step());
        }
    }

    /** Settles every row of the call once it is done (or was never sent, with {@code notSent}). */
    void finish(@Nullable String notSent) {
        try {
            settle(notSent);
        } finally {
            filed.complete(null);
            finished.complete(null);
        }
    }

    /** Ends the call after a bug in the replay itself, so that the run still finishes. */
    void crash(Throwable bug) {
        Rejection error = new Rejection("replay error", String.valueOf(bug));
        if (failure == null && refusal == null) {
            if (accepted) {
                for (AgencyPlay play : call.plays()) {
                    failedPlays.putIfAbsent(play, error);
                }
                tally.stepFailed(error);
            } else {
                failure = error;
                tally.reportFailed(failure);
            }
        }
        next = moves.size();
    }

    private void settle(@Nullable String notSent) {
        if (notSent != null && !started()) {
            call.rows().forEach(row -> tally.rowNotSent(row, notSent));
            return;
        }
        if (refusal != null) {
            tally.reportRejected();
            call.rows().forEach(row -> tally.rowRejected(row, refusal));
            return;
        }
        if (failure != null) {
            tally.callFailed();
            call.rows().forEach(row -> tally.rowFailed(row, failure));
            return;
        }
        Map<SourceRow, Rejection> failedRows = new HashMap<>();
        failedPlays.forEach((play, why) -> play.rows().forEach(row -> failedRows.put(row, why)));
        if (!failedRows.isEmpty()) {
            tally.callFailed();
        }
        for (SourceRow row : call.rows()) {
            Rejection rejected = call.rowRejections().get(row);
            if (rejected != null) {
                tally.rowRejected(row, rejected);
            } else if (failedRows.containsKey(row)) {
                tally.rowFailed(row, failedRows.get(row));
            } else {
                tally.rowAccepted(row);
            }
        }
    }

    // --- the report --------------------------------------------------------------------------

    private void file() throws InterruptedException {
        for (int attempt = 1; attempt <= CONFLICT_ATTEMPTS; attempt++) {
            Answer answer;
            try {
                answer = center.post("/api/reports", call.report(), call.idempotencyKey());
            } catch (IOException e) {
                failure = transport(e);
                tally.reportFailed(failure);
                return;
            }
            if (answer.ok()) {
                accept(answer);
                return;
            }
            if (answer.conflict() && attempt < CONFLICT_ATTEMPTS) {
                continue;
            }
            if (answer.refused() && !answer.problemType().equals("idempotency-key-reused")) {
                refusal = new Rejection(answer.reason(), answer.detail());
                return;
            }
            failure = answerFailure(
                    answer,
                    answer.problemType().equals("idempotency-key-reused")
                            ? " (this call was replayed before with other data: same mapping and --shift-days needed)"
                            : "");
            tally.reportFailed(failure);
            return;
        }
    }

    private void accept(Answer answer) {
        JsonNode body = answer.body();
        if (body == null || !body.path("incidentId").isNumber()) {
            failure = new Rejection(
                    "intake answer without incidentId",
                    "HTTP " + answer.status() + " from POST /api/reports has no incidentId: " + clip(answer.text()));
            tally.reportFailed(failure);
            return;
        }
        accepted = true;
        incidentId = body.path("incidentId").asLong();
        outcome = body.path("outcome").asString("");
        body.path("taskIds").forEach(id -> issued.add(id.asLong()));
        CompletableFuture<Void> before = incidentTails.put(incidentId, finished);
        if (before != null) {
            stepGate = before;
        }
        tally.reportAccepted(answer.status() == 200, outcome);
        tally.unitsNotMapped(call.unitsNotMapped());
        for (StepRejection rejection : call.stepRejections()) {
            tally.stepRejected(rejection.row(), rejection.rejection());
        }
    }

    // --- agency steps ------------------------------------------------------------------------

    private void step(AgencyPlay play, PlannedStep step) throws InterruptedException {
        if (!accepted) {
            return;
        }
        try {
            List<TaskState> found = tasks.get(play);
            int dispatchedBefore = dispatchedHere;
            if (found == null) {
                found = resolve(play, step);
                if (found == null) {
                    return;
                }
                tasks.put(play, found);
            }
            if (step.kind() == StepKind.DISPATCH) {
                if (dispatchedHere > dispatchedBefore) {
                    tally.stepPlayed();
                } else {
                    tally.stepAlreadyPlayed();
                }
                return;
            }
            for (TaskState task : found) {
                advance(play, task, step);
            }
        } catch (PlayFailed e) {
            failedPlays.put(play, e.failure);
            tally.stepFailed(e.failure);
        }
    }

    /** The tasks this play acts on; orders one if the incident has none for the agency. */
    private @Nullable List<TaskState> resolve(AgencyPlay play, PlannedStep step)
            throws InterruptedException, PlayFailed {
        if (play.agency().equals(Mapping.ISSUED)) {
            return issuedTasks(play, step);
        }
        for (int attempt = 1; attempt <= CONFLICT_ATTEMPTS; attempt++) {
            Answer incident = get("/api/incidents/" + incidentId);
            if (incident.status() == 404 && !issued.isEmpty()) {
                return issuedFor(play);
            }
            require(incident);
            TaskState existing = existingTask(incident.body(), play.agency());
            if (existing != null) {
                return List.of(existing);
            }
            ObjectNode order = json.createObjectNode();
            order.put("version", incidentVersion(incident.body()));
            order.put("agency", play.agency());
            order.put("instructions", play.instructions());
            order.put("at", step.at().toString());
            Answer answer = post("/api/incidents/" + incidentId + "/orders/dispatch", order);
            if (answer.ok()) {
                TaskState task = dispatched(answer, play.agency());
                playedTasks.add(task.id);
                dispatchedHere++;
                tally.taskDispatched();
                tally.taskPlayed();
                return List.of(task);
            }
            if (answer.conflict()) {
                continue;
            }
            if (answer.refused()) {
                dead.add(play);
                tally.stepRejected(
                        step.row(),
                        new Rejection(
                                "dispatch refused: " + answer.reason(),
                                "dispatch " + play.agency() + ": " + answer.detail()));
                return null;
            }
            throw new PlayFailed(answerFailure(answer, ""));
        }
        throw new PlayFailed(conflicts("dispatch " + play.agency()));
    }

    /** The tasks issued on intake; for a merged report, which issues none, the incident's tasks. */
    private @Nullable List<TaskState> issuedTasks(AgencyPlay play, PlannedStep step)
            throws InterruptedException, PlayFailed {
        List<TaskState> found = new ArrayList<>();
        if (!issued.isEmpty()) {
            for (long id : issued) {
                found.add(task(id));
            }
        } else if (outcome.equals("MERGED")) {
            Answer incident = get("/api/incidents/" + incidentId);
            require(incident);
            for (JsonNode task : incident.body().path("tasks")) {
                found.add(state(task));
            }
        }
        if (found.isEmpty()) {
            dead.add(play);
            tally.stepRejected(
                    step.row(),
                    new Rejection(
                            "no task to play",
                            "the report was " + outcome + " (incident " + incidentId
                                    + ") and has no task for the log's times"));
            return null;
        }
        return found;
    }

    private List<TaskState> issuedFor(AgencyPlay play) throws InterruptedException, PlayFailed {
        List<TaskState> found = new ArrayList<>();
        for (long id : issued) {
            Answer answer = get("/api/tasks/" + id);
            require(answer);
            if (play.agency().equals(answer.body().path("agency").asString(""))) {
                found.add(state(answer.body()));
            }
        }
        if (found.isEmpty()) {
            throw new PlayFailed(new Rejection(
                    "incident not found",
                    "GET /api/incidents/" + incidentId + " answered 404 and no issued task is for " + play.agency()));
        }
        return found;
    }

    /** The incident's version: at the top of the answer, or inside its {@code incident} part. */
    static long incidentVersion(JsonNode answer) {
        JsonNode version = answer.path("incident").path("version");
        return version.isNumber() ? version.asLong() : answer.path("version").asLong();
    }

    /** The oldest open task of {@code agency} on the incident; failing that, its newest finished one. */
    private static @Nullable TaskState existingTask(JsonNode incident, String agency) {
        JsonNode open = null;
        JsonNode newest = null;
        for (JsonNode task : incident.path("tasks")) {
            if (!agency.equals(task.path("agency").asString(""))) {
                continue;
            }
            long id = task.path("id").asLong();
            int rank = RANK.getOrDefault(task.path("status").asString(""), 3);
            if (rank < 3 && (open == null || id < open.path("id").asLong())) {
                open = task;
            }
            if (newest == null || id > newest.path("id").asLong()) {
                newest = task;
            }
        }
        JsonNode chosen = open != null ? open : newest;
        return chosen == null ? null : state(chosen);
    }

    private TaskState dispatched(Answer answer, String agency) throws InterruptedException, PlayFailed {
        JsonNode body = answer.body();
        if (body != null && body.path("id").isNumber()) {
            return state(body);
        }
        Answer incident = get("/api/incidents/" + incidentId);
        require(incident);
        TaskState task = existingTask(incident.body(), agency);
        if (task == null) {
            throw new PlayFailed(new Rejection(
                    "dispatch answer without task",
                    "dispatch " + agency + " answered " + answer.status() + " but incident " + incidentId
                            + " shows no task for it"));
        }
        return task;
    }

    private void advance(AgencyPlay play, TaskState task, PlannedStep step) throws InterruptedException, PlayFailed {
        for (int attempt = 1; attempt <= CONFLICT_ATTEMPTS; attempt++) {
            Rejection impossible = impossible(play, task, step);
            if (impossible != null) {
                tally.stepRejected(step.row(), impossible);
                return;
            }
            if (RANK.get(task.status) >= rank(step.kind())) {
                tally.stepAlreadyPlayed();
                return;
            }
            ObjectNode body = json.createObjectNode();
            body.put("version", task.version);
            body.put("at", step.at().toString());
            Answer answer = post("/api/tasks/" + task.id + "/" + step.kind().path(), body);
            if (answer.ok()) {
                played(task, answer, step);
                return;
            }
            if (answer.conflict()) {
                refresh(task);
                continue;
            }
            if (answer.status() == 422 && answer.problemType().equals("task-step-refused")) {
                // Someone else moved the task since it was read: a step on a task that is final now is
                // 422 (no fresh version could help), and one the task has passed was played already.
                refresh(task);
                Integer now = RANK.get(task.status);
                if (now != null && now >= rank(step.kind())) {
                    tally.stepAlreadyPlayed();
                    return;
                }
            }
            if (answer.refused()) {
                tally.stepRejected(
                        step.row(),
                        new Rejection(
                                step.kind().label() + " refused: " + answer.reason(),
                                step.kind().label() + " task " + task.id + " (" + play.agency() + ") at " + step.at()
                                        + ": " + answer.detail()));
                return;
            }
            throw new PlayFailed(answerFailure(answer, ""));
        }
        throw new PlayFailed(conflicts(step.kind().label() + " task " + task.id));
    }

    /** Why the step cannot be sent from the task's state, or {@code null} if it can. */
    private static @Nullable Rejection impossible(AgencyPlay play, TaskState task, PlannedStep step) {
        Integer rank = RANK.get(task.status);
        String agency = play.agency().equals(Mapping.ISSUED) ? "issued" : play.agency();
        if (rank == null) {
            return new Rejection(
                    step.kind().label() + " on a " + task.status + " task",
                    step.kind().label() + ": the " + agency + " task is " + task.status);
        }
        if (rank == 0 && step.kind() != StepKind.ACKNOWLEDGE) {
            return new Rejection(
                    step.kind().label() + " without acknowledge",
                    step.kind().label() + ": the " + agency + " task is still ISSUED; the log has no en-route"
                            + " time for it before " + step.column());
        }
        return null;
    }

    private void played(TaskState task, Answer answer, PlannedStep step) throws InterruptedException, PlayFailed {
        JsonNode body = answer.body();
        if (body != null && body.path("id").asLong(-1) == task.id && body.has("version")) {
            task.update(body);
        } else {
            refresh(task);
        }
        if (RANK.getOrDefault(task.status, -1) < rank(step.kind())) {
            task.status = step.kind() == StepKind.ACKNOWLEDGE
                    ? "ACKNOWLEDGED"
                    : step.kind() == StepKind.ARRIVE ? "ARRIVED" : "COMPLETED";
        }
        tally.stepPlayed();
        if (playedTasks.add(task.id)) {
            tally.taskPlayed();
        }
    }

    private static int rank(StepKind kind) {
        return switch (kind) {
            case DISPATCH -> 0;
            case ACKNOWLEDGE -> 1;
            case ARRIVE -> 2;
            case COMPLETE -> 3;
        };
    }

    private void refresh(TaskState task) throws InterruptedException, PlayFailed {
        Answer answer = get("/api/tasks/" + task.id);
        require(answer);
        task.update(answer.body());
    }

    private TaskState task(long id) throws InterruptedException, PlayFailed {
        Answer answer = get("/api/tasks/" + id);
        require(answer);
        return state(answer.body());
    }

    private static TaskState state(JsonNode task) {
        return new TaskState(
                task.path("id").asLong(),
                task.path("version").asLong(),
                task.path("status").asString("ISSUED"));
    }

    // --- requests ----------------------------------------------------------------------------

    private Answer get(String path) throws InterruptedException, PlayFailed {
        try {
            return center.get(path);
        } catch (IOException e) {
            throw new PlayFailed(transport(e));
        }
    }

    private Answer post(String path, JsonNode body) throws InterruptedException, PlayFailed {
        try {
            return center.post(path, body, null);
        } catch (IOException e) {
            throw new PlayFailed(transport(e));
        }
    }

    private static void require(Answer answer) throws PlayFailed {
        if (!answer.ok() || answer.body() == null) {
            throw new PlayFailed(answerFailure(answer, ""));
        }
    }

    private static Rejection answerFailure(Answer answer, String hint) {
        return new Rejection(answer.reason(), answer.request() + ": " + answer.detail() + hint);
    }

    private static Rejection transport(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String reason = message.startsWith("no answer within")
                ? "timeout"
                : message.startsWith("connection refused") ? "connection refused" : "transport error";
        return new Rejection(reason, message);
    }

    private static Rejection conflicts(String what) {
        return new Rejection("conflict persisted", what + ": still 409 after " + CONFLICT_ATTEMPTS + " attempts");
    }

    private static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** A play cannot go on: a request failed for a reason that is not the row's data. */
    private static final class PlayFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Rejection failure;

        PlayFailed(Rejection failure) {
            super(failure.detail(), null, false, false);
            this.failure = failure;
        }
    }
}
