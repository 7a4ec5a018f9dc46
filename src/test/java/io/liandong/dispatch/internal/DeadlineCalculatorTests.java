package io.liandong.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.dispatch.Task;
import io.liandong.dispatch.TaskOrder;
import io.liandong.shared.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadlineCalculatorTests {

    private static final Instant ISSUED = Instant.parse("2026-12-04T12:29:00Z");

    private final DeadlineCalculator calculator = new DeadlineCalculator(new DispatchProperties(
            Map.of(
                    Priority.P1, deadlines(2, 15, 240),
                    Priority.P2, deadlines(5, 30, 480),
                    Priority.P3, deadlines(15, 120, 2880),
                    Priority.P4, deadlines(60, 1440, 7200)),
            null));

    @Test
    void takesThePrioritysDeadlinesWhenThePlanSetsNone() {
        Task task = calculator.draft(TaskOrder.of(1, "GAS-CO", "measure methane", Priority.P1, ISSUED));

        assertThat(task.acknowledgeDue()).isEqualTo(ISSUED.plus(Duration.ofMinutes(2)));
        assertThat(task.arriveDue()).isEqualTo(ISSUED.plus(Duration.ofMinutes(15)));
        assertThat(task.completeDue()).isEqualTo(ISSUED.plus(Duration.ofMinutes(240)));
    }

    @Test
    void aPlansDeadlineReplacesThePrioritys() {
        Task task = calculator.draft(TaskOrder.of(1, "FIRE-BRIGADE", "stand by", Priority.P1, ISSUED)
                .fromPlan("PLAN-GAS-SUICIDE", Duration.ofMinutes(1), Duration.ofMinutes(10), null));

        assertThat(task.acknowledgeDue()).isEqualTo(ISSUED.plus(Duration.ofMinutes(1)));
        assertThat(task.arriveDue()).isEqualTo(ISSUED.plus(Duration.ofMinutes(10)));
        assertThat(task.planCode()).isEqualTo("PLAN-GAS-SUICIDE");
    }

    @Test
    void aPlanArriveDeadlineShorterThanALowPrioritysAcknowledgeDeadlineNeverFallsDueFirst() {
        // Regression: a P4 incident under a plan that sets only arrive PT15M failed intake with a 500.
        Task task = calculator.draft(TaskOrder.of(1, "MARKET-REG", "inspect", Priority.P4, ISSUED)
                .fromPlan("PLAN-X", null, Duration.ofMinutes(15), null));

        assertThat(task.acknowledgeDue()).isEqualTo(ISSUED.plus(Duration.ofMinutes(60)));
        assertThat(task.arriveDue()).isEqualTo(task.acknowledgeDue());
        assertThat(task.completeDue()).isAfterOrEqualTo(task.arriveDue());
    }

    private static DispatchProperties.Deadlines deadlines(int ack, int arrive, int complete) {
        return new DispatchProperties.Deadlines(
                Duration.ofMinutes(ack), Duration.ofMinutes(arrive), Duration.ofMinutes(complete));
    }
}
