package io.liandong.incident.internal;

import io.liandong.dispatch.TaskStatus;
import io.liandong.dispatch.TaskStepped;
import io.liandong.incident.IncidentService;
import io.liandong.notify.NotificationService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reacts, inside the step's transaction, to task steps: a diverted case closes when its agency
 * completes it; a returned task goes to the commander's queue for re-routing.
 */
@Component
class ServiceCaseCloser {

    private final IncidentService incidents;
    private final NotificationService notifications;

    ServiceCaseCloser(IncidentService incidents, NotificationService notifications) {
        this.incidents = incidents;
        this.notifications = notifications;
    }

    @EventListener
    void on(TaskStepped stepped) {
        if (stepped.status() == TaskStatus.COMPLETED) {
            incidents.closeServiceCaseIfDone(stepped.incidentId(), stepped.at());
        } else if (stepped.status() == TaskStatus.RETURNED) {
            notifications.send(
                    "COMMANDER",
                    "TASK_RETURNED",
                    stepped.incidentId(),
                    stepped.taskId(),
                    "退单：" + stepped.agency() + " 退回任务 " + stepped.taskId() + "，请重新派单");
        }
    }
}
