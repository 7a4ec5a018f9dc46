package io.liandong.dispatch.internal;

import io.liandong.dispatch.Task;
import io.liandong.notify.NotificationService;
import io.liandong.record.NewEntry;
import io.liandong.record.RecordService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches deadlines. A task past its current deadline is marked overdue and its agency reminded
 * (催办); it is reminded again every {@code remind-every}; after {@code escalate-after-reminders}
 * reminders it is escalated (督办) to the duty leader. All state lives in the task row, so a
 * restart loses nothing, and every write is conditional on the task not having moved on, so it
 * never fires for a task that took its step meanwhile, nor twice when several nodes watch.
 *
 * <p>Each task row says when the watch next has something to do with it ({@code watch_at}); a scan
 * reads at most {@code scan-limit} of those whose time has come, the longest waiting first, so it
 * costs one index lookup when nothing is due, and a backlog (a storm, a stalled agency) is worked
 * off in small steps, in order, instead of one burst that would hold up intake.
 */
@Component
public class OverdueWatch {

    private static final Logger log = LoggerFactory.getLogger(OverdueWatch.class);
    private static final String SYSTEM = "system";
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

    private final TaskStore store;
    private final RecordService record;
    private final NotificationService notifications;
    private final DispatchProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AtomicLong lagMillis = new AtomicLong();
    private volatile boolean intervalApplied;

    OverdueWatch(
            TaskStore store,
            RecordService record,
            NotificationService notifications,
            DispatchProperties properties,
            TransactionTemplate transactions,
            Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.record = record;
        this.notifications = notifications;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder("liandong.overdue.watch.lag", lagMillis, millis -> millis.get() / 1000.0)
                .baseUnit("seconds")
                .description("How late the overdue watch was, in its last scan, for the first task it read (0: nothing"
                        + " was due); it grows while more tasks fall due than scan-limit per scan-interval")
                .register(meters);
    }

    @Scheduled(
            fixedDelayString = "${liandong.dispatch.overdue.scan-interval:PT0.5S}",
            initialDelayString = "${liandong.dispatch.overdue.scan-interval:PT0.5S}")
    void scheduled() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.error("Overdue scan failed; it will run again at the next interval", e);
        }
    }

    /** One pass over at most {@code scan-limit} tasks that need the watch; returns how many actions it took. */
    public int scan() {
        return scan(properties.overdue().scanLimit());
    }

    /** One pass over at most {@code limit} tasks that need the watch; returns how many actions it took. */
    public int scan(int limit) {
        Instant now = clock.instant();
        if (!intervalApplied) {
            applyRemindEvery(now);
        }
        List<TaskStore.Watched> due = store.dueForWatch(now, limit);
        lagMillis.set(
                due.isEmpty()
                        ? 0
                        : Math.max(0, now.toEpochMilli() - due.get(0).watchAt().toEpochMilli()));
        int actions = 0;
        for (TaskStore.Watched watched : due) {
            Task task = watched.task();
            try {
                if (Boolean.TRUE.equals(transactions.execute(tx -> act(task, now)))) {
                    actions++;
                }
            } catch (RuntimeException e) {
                // one task that cannot be handled must not hold up the others behind it
                log.error(
                        "Overdue watch could not act on task {} of agency {} on incident {}; trying it again in {}",
                        task.id(),
                        task.agency(),
                        task.incidentId(),
                        RETRY_AFTER_FAILURE,
                        e);
                transactions.executeWithoutResult(tx -> store.watchAgainAt(task, now.plus(RETRY_AFTER_FAILURE)));
            }
        }
        return actions;
    }

    /**
     * A task's next reminder is stored with the remind-every in force when it was reminded; after a restart with a
     * shorter one, every reminder further away than that is looked at now (a longer one needs nothing: the watch puts
     * back a task whose reminder is not yet due).
     */
    private void applyRemindEvery(Instant now) {
        Duration every = properties.overdue().remindEvery();
        int sooner = store.watchNoLaterThan(now, now.plus(every));
        intervalApplied = true;
        if (sooner > 0) {
            log.info(
                    "{} overdue tasks waited for a reminder later than remind-every ({}) from now; looking at them now",
                    sooner,
                    every);
        }
    }

    private boolean act(Task task, Instant now) {
        String stage = task.stage();
        Instant due = task.nextDue();
        if (stage == null || due == null || task.escalatedAt() != null) {
            store.watchAgainAt(task, null);
            return false;
        }
        if (task.overdueStage() == null) {
            if (due.isAfter(now)) {
                store.watchAgainAt(task, due);
                return false;
            }
            return markOverdue(task, stage, now);
        }
        Duration every = properties.overdue().remindEvery();
        if (task.lastRemindedAt() == null || task.lastRemindedAt().plus(every).isAfter(now)) {
            // reminded recently (or the reminder interval grew since): look again when the next one is due
            store.watchAgainAt(task, (task.lastRemindedAt() == null ? now : task.lastRemindedAt()).plus(every));
            return false;
        }
        if (task.reminders() >= properties.overdue().escalateAfterReminders()) {
            return escalate(task, now);
        }
        return remind(task, now);
    }

    private boolean markOverdue(Task task, String stage, Instant now) {
        if (!store.markOverdue(task, stage, now, now.plus(properties.overdue().remindEvery()))) {
            return false;
        }
        append(task, now, "TASK_OVERDUE", stage + " deadline " + task.nextDue() + " passed");
        meters.counter("liandong.tasks.overdue", "stage", stage).increment();
        append(task, now, "TASK_REMINDED", "reminder 1");
        notifications.send(
                task.agency(),
                "TASK_REMINDED",
                task.incidentId(),
                task.id(),
                "任务 " + task.id() + " 已超时（" + stage + "），请立即处理 / task overdue, act now");
        log.info(
                "Task {} of agency {} on incident {} is overdue at stage {}",
                task.id(),
                task.agency(),
                task.incidentId(),
                stage);
        return true;
    }

    private boolean remind(Task task, Instant now) {
        if (!store.remindAgain(task, now, now.plus(properties.overdue().remindEvery()))) {
            return false;
        }
        append(task, now, "TASK_REMINDED", "reminder " + (task.reminders() + 1));
        notifications.send(
                task.agency(),
                "TASK_REMINDED",
                task.incidentId(),
                task.id(),
                "任务 " + task.id() + " 催办第 " + (task.reminders() + 1) + " 次 / reminder");
        log.info(
                "Reminded agency {} of task {} on incident {} ({} reminders)",
                task.agency(),
                task.id(),
                task.incidentId(),
                task.reminders() + 1);
        return true;
    }

    private boolean escalate(Task task, Instant now) {
        if (!store.escalate(task, now)) {
            return false;
        }
        meters.counter("liandong.tasks.escalated").increment();
        append(task, now, "TASK_ESCALATED", "escalated to the duty leader after " + task.reminders() + " reminders");
        notifications.send(
                "LEADER",
                "TASK_ESCALATED",
                task.incidentId(),
                task.id(),
                "督办：" + task.agency() + " 任务 " + task.id() + " 催办 " + task.reminders() + " 次仍未处理");
        log.info(
                "Escalated task {} of agency {} on incident {} to the duty leader",
                task.id(),
                task.agency(),
                task.incidentId());
        return true;
    }

    private void append(Task task, Instant now, String type, String detail) {
        record.append(NewEntry.of(task.incidentId(), now, SYSTEM, null, type)
                .task(task.id(), task.agency())
                .detail(detail));
    }
}
