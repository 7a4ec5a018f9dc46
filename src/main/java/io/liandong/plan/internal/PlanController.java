package io.liandong.plan.internal;

import io.liandong.plan.Plan;
import io.liandong.plan.PlanTask;
import io.liandong.shared.Severity;
import io.liandong.shared.security.CurrentActor;
import io.liandong.shared.web.Problem;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/plans}: read by any logged-in user, changed by administrators (the identity module
 * enforces the roles). Plans are never deleted: incidents keep their codes.
 */
@RestController
@RequestMapping("/api/plans")
class PlanController {

    private final PlanDirectory directory;
    private final PlanAdministration administration;
    private final CurrentActor actor;

    PlanController(PlanDirectory directory, PlanAdministration administration, CurrentActor actor) {
        this.directory = directory;
        this.administration = administration;
        this.actor = actor;
    }

    @GetMapping
    List<PlanView> plans() {
        return directory.plans().stream()
                .map(plan -> PlanView.of(directory.versioned(plan.code()).orElseThrow()))
                .toList();
    }

    @GetMapping("/{code}")
    PlanView plan(@PathVariable String code) {
        return directory.versioned(code).map(PlanView::of).orElseThrow(() -> Problem.notFound("plan", code));
    }

    @PostMapping
    ResponseEntity<PlanView> create(@Valid @RequestBody PlanRequest request) {
        if (request.code() == null) {
            throw Problem.invalid("code", "must be given", null);
        }
        Versioned<Plan> created = administration.create(plan(request.code(), request), actor.get());
        return ResponseEntity.created(URI.create("/api/plans/" + request.code()))
                .body(PlanView.of(created));
    }

    @PutMapping("/{code}")
    PlanView update(@PathVariable String code, @Valid @RequestBody PlanRequest request) {
        if (request.code() != null && !request.code().equals(code)) {
            throw Problem.invalid("code", "must match the code in the path, " + code, request.code());
        }
        Integer version = request.version();
        if (version == null) {
            throw Problem.invalid("version", "must be given: the version you read", null);
        }
        return PlanView.of(administration.update(plan(code, request), version, actor.get()));
    }

    private static Plan plan(String code, PlanRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Severity minSeverity = Fields.enumValue(Severity.class, "minSeverity", request.minSeverity(), errors);
        List<PlanTask> tasks = new ArrayList<>();
        for (int i = 0; i < request.tasks().size(); i++) {
            PlanRequest.Task task = request.tasks().get(i);
            String field = "tasks[" + i + "].";
            tasks.add(new PlanTask(
                    i + 1,
                    task.agency().strip(),
                    task.taskZh().strip(),
                    task.taskEn().strip(),
                    duration(field + "acknowledge", task.acknowledge(), errors),
                    duration(field + "arrive", task.arrive(), errors),
                    duration(field + "complete", task.complete(), errors)));
        }
        if (minSeverity == null || !errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        List<String> recipients = request.recipients() == null
                ? List.of()
                : request.recipients().stream().map(String::strip).toList();
        return new Plan(
                code,
                request.nameZh().strip(),
                request.nameEn().strip(),
                request.category().strip(),
                minSeverity,
                recipients,
                tasks);
    }

    private static @Nullable Duration duration(String field, @Nullable String text, List<Problem.FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "'" + text + "' is not an ISO-8601 duration such as PT15M", text));
            return null;
        }
    }
}
