package io.liandong.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Property-based checks of the task state machine: no sequence of steps reaches an invalid state. */
class TaskStateMachinePropertiesTests {

    @Property(tries = 2000)
    void noSequenceOfStepsLeavesAFinalStateOrSkipsAcknowledgement(@ForAll @Size(max = 12) List<TaskStep> steps) {
        TaskStatus status = TaskStatus.ISSUED;
        boolean acknowledged = false;
        for (TaskStep step : steps) {
            TaskStatus.Transition t = status.take(step);
            if (status.isFinal()) {
                assertThat(t.allowed()).isFalse();
            }
            if (!t.allowed()) {
                assertThat(t.refusal()).isNotBlank();
                continue;
            }
            if (t.to() == TaskStatus.ARRIVED || t.to() == TaskStatus.COMPLETED && step != TaskStep.CANCEL) {
                assertThat(acknowledged || status != TaskStatus.ISSUED).isTrue();
            }
            acknowledged |= t.to() == TaskStatus.ACKNOWLEDGED;
            status = t.to();
        }
        assertThat(status).isNotNull();
    }
}
