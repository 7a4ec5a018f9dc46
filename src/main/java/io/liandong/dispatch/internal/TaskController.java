package io.liandong.dispatch.internal;

import io.liandong.dispatch.DispatchService;
import io.liandong.dispatch.StepCommand;
import io.liandong.dispatch.Task;
import io.liandong.dispatch.TaskFilter;
import io.liandong.dispatch.TaskStatus;
import io.liandong.dispatch.TaskStep;
import io.liandong.dispatch.TaskViews;
import io.liandong.shared.security.CurrentActor;
import io.liandong.shared.web.PageLimit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Agencies' task inbox and steps: {@code /api/tasks}. */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final DispatchService dispatch;
    private final CurrentActor actor;
    private final TaskViews views;

    TaskController(DispatchService dispatch, CurrentActor actor, TaskViews views) {
        this.dispatch = dispatch;
        this.actor = actor;
        this.views = views;
    }

    /** A step as sent by a client. */
    record StepRequest(
            @NotNull @PositiveOrZero Integer version,
            @Nullable Instant at,
            @Nullable @Size(max = 4000) String text,
            @Nullable @Size(max = 1000) String reason) {

        StepCommand command() {
            return new StepCommand(version, at, text != null ? text : reason);
        }
    }

    @GetMapping
    List<TaskViews.TaskView> list(
            @RequestParam(required = false) TaskStatus status,
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) Long incident,
            @RequestParam(defaultValue = "false") boolean active,
            @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(defaultValue = "200") int limit) {
        var filter = new TaskFilter(status, agency, incident, active, overdue, PageLimit.check(limit, 1000));
        return views.of(dispatch.search(filter, actor.get()));
    }

    @GetMapping("/{id}")
    TaskViews.TaskView one(@PathVariable long id) {
        return views.of(dispatch.visibleTask(id, actor.get()));
    }

    @PostMapping("/{id}/acknowledge")
    TaskViews.TaskView acknowledge(@PathVariable long id, @Valid @RequestBody StepRequest body) {
        return step(id, TaskStep.ACKNOWLEDGE, body);
    }

    @PostMapping("/{id}/arrive")
    TaskViews.TaskView arrive(@PathVariable long id, @Valid @RequestBody StepRequest body) {
        return step(id, TaskStep.ARRIVE, body);
    }

    @PostMapping("/{id}/report-back")
    TaskViews.TaskView reportBack(@PathVariable long id, @Valid @RequestBody StepRequest body) {
        return step(id, TaskStep.REPORT_BACK, body);
    }

    @PostMapping("/{id}/complete")
    TaskViews.TaskView complete(@PathVariable long id, @Valid @RequestBody StepRequest body) {
        return step(id, TaskStep.COMPLETE, body);
    }

    @PostMapping("/{id}/return")
    TaskViews.TaskView giveBack(@PathVariable long id, @Valid @RequestBody StepRequest body) {
        return step(id, TaskStep.RETURN, body);
    }

    private TaskViews.TaskView step(long id, TaskStep step, StepRequest body) {
        Task task = dispatch.step(id, step, body.command(), actor.get());
        return views.of(task);
    }
}
