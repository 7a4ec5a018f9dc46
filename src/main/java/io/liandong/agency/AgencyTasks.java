package io.liandong.agency;

import java.util.List;

/**
 * The open tasks of an agency (issued, acknowledged or arrived: not completed, returned or
 * cancelled). An agency with open tasks is not deactivated. The agency module depends on no other
 * module, so this is implemented by the dispatch module, which depends on it. In a context without
 * an implementation (a test of the reference data alone) none is found.
 *
 * <p>Read from the database in the caller's transaction: the agency administration asks after it
 * has written (and so locked) the agency's row, and an order issuing a task holds the row of its
 * agency (see {@link AgencyService#holdActive}), so whichever of the two comes second sees the other.
 */
public interface AgencyTasks {

    /** The agency's open tasks: how many, and the first {@code limit} of them by id. */
    OpenTasks openTasksOf(String agencyCode, int limit);

    /** An open task and the incident it is for. */
    record OpenTask(long id, long incidentId) {}

    /** How many open tasks an agency has, and some of them, by id. */
    record OpenTasks(int count, List<OpenTask> first) {

        public OpenTasks {
            first = List.copyOf(first);
        }
    }
}
