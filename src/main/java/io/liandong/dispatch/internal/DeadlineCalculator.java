package io.liandong.dispatch.internal;

import io.liandong.dispatch.Task;
import io.liandong.dispatch.TaskOrder;
import io.liandong.dispatch.TaskStatus;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Turns an order into a new task with its three deadlines: the plan's, else the priority's. */
@Component
public class DeadlineCalculator {

    private final DispatchProperties properties;

    DeadlineCalculator(DispatchProperties properties) {
        this.properties = properties;
    }

    public Task draft(TaskOrder order) {
        DispatchProperties.Deadlines defaults = properties.of(order.priority());
        Duration acknowledge = either(order.acknowledgeWithin(), defaults.acknowledge());
        // A plan may set only some deadlines; a later step never falls due before an earlier one.
        Duration arrive = latest(either(order.arriveWithin(), defaults.arrive()), acknowledge);
        Duration complete = latest(either(order.completeWithin(), defaults.complete()), arrive);
        return new Task(
                0,
                order.incidentId(),
                order.agency(),
                order.instructions(),
                order.priority(),
                TaskStatus.ISSUED,
                order.planCode(),
                order.diverted(),
                order.drill(),
                order.issuedAt(),
                order.issuedAt().plus(acknowledge),
                order.issuedAt().plus(arrive),
                order.issuedAt().plus(complete),
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                0,
                null,
                null,
                order.reportId(),
                0);
    }

    private static Duration latest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration either(@Nullable Duration planned, Duration fallback) {
        return planned == null ? fallback : planned;
    }
}
