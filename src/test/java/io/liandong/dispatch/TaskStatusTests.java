package io.liandong.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskStatusTests {

    @Test
    void anIssuedTaskIsAcknowledgedThenArrivesThenCompletes() {
        assertThat(TaskStatus.ISSUED.take(TaskStep.ACKNOWLEDGE).to()).isEqualTo(TaskStatus.ACKNOWLEDGED);
        assertThat(TaskStatus.ACKNOWLEDGED.take(TaskStep.ARRIVE).to()).isEqualTo(TaskStatus.ARRIVED);
        assertThat(TaskStatus.ARRIVED.take(TaskStep.COMPLETE).to()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void aTaskCannotArriveBeforeItIsAcknowledged() {
        TaskStatus.Transition t = TaskStatus.ISSUED.take(TaskStep.ARRIVE);
        assertThat(t.allowed()).isFalse();
        assertThat(t.refusal()).contains("ISSUED");
    }

    @Test
    void aTaskMayBeCompletedWithoutArrivingWhenNoVisitIsNeeded() {
        assertThat(TaskStatus.ACKNOWLEDGED.take(TaskStep.COMPLETE).to()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void reportingBackKeepsTheStatusButNeedsTheTaskAcknowledged() {
        assertThat(TaskStatus.ARRIVED.take(TaskStep.REPORT_BACK).to()).isEqualTo(TaskStatus.ARRIVED);
        assertThat(TaskStatus.ISSUED.take(TaskStep.REPORT_BACK).allowed()).isFalse();
    }

    @Test
    void anAgencyReturnsATaskBeforeItIsOnScene() {
        assertThat(TaskStatus.ISSUED.take(TaskStep.RETURN).to()).isEqualTo(TaskStatus.RETURNED);
        assertThat(TaskStatus.ACKNOWLEDGED.take(TaskStep.RETURN).to()).isEqualTo(TaskStatus.RETURNED);
        assertThat(TaskStatus.ARRIVED.take(TaskStep.RETURN).allowed()).isFalse();
    }

    @Test
    void finalTasksTakeNoFurtherStep() {
        for (TaskStatus done : new TaskStatus[] {TaskStatus.COMPLETED, TaskStatus.RETURNED, TaskStatus.CANCELLED}) {
            for (TaskStep step : TaskStep.values()) {
                assertThat(done.take(step).allowed()).as(done + " " + step).isFalse();
            }
        }
    }
}
