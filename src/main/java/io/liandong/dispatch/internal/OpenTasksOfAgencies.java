package io.liandong.dispatch.internal;

import io.liandong.agency.AgencyTasks;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Tells the agency module which open tasks an agency has, so it need not know the dispatch module. */
@Component
class OpenTasksOfAgencies implements AgencyTasks {

    private final TaskStore store;

    OpenTasksOfAgencies(TaskStore store) {
        this.store = store;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public OpenTasks openTasksOf(String agencyCode, int limit) {
        List<OpenTask> first = store.firstOpen(agencyCode, limit).stream()
                .map(task -> new OpenTask(task.id(), task.incidentId()))
                .toList();
        return new OpenTasks(store.countOpen(agencyCode), first);
    }
}
