package io.liandong.plan;

import io.liandong.catalog.CatalogService;
import io.liandong.catalog.Category;
import io.liandong.plan.internal.PlanAdministration;
import io.liandong.plan.internal.PlanDirectory;
import io.liandong.shared.ImportCount;
import io.liandong.shared.Severity;
import io.liandong.shared.security.Actor;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The plans, and which one an incident calls for. Reads come from an in-memory copy of the
 * tables, reloaded after every change, so they are cheap enough for the intake path.
 */
@Service
public class PlanService {

    /** Among the plans of one category, the one for the gravest incidents first; then by code. */
    private static final Comparator<Plan> GRAVEST_FIRST =
            Comparator.comparing(Plan::minSeverity).thenComparing(Plan::code);

    private final PlanDirectory directory;
    private final PlanAdministration administration;
    private final CatalogService catalog;

    PlanService(PlanDirectory directory, PlanAdministration administration, CatalogService catalog) {
        this.directory = directory;
        this.administration = administration;
        this.catalog = catalog;
    }

    /**
     * The plan for an incident of this category and severity: among the plans whose severity
     * threshold the incident reaches, one of the category itself if there is any, else one of its
     * parent, and so on up the tree; within one category the plan with the gravest threshold (the
     * one written for the graver incidents) wins.
     */
    public Optional<Plan> match(String categoryCode, Severity severity) {
        Optional<Plan> exact = best(categoryCode, severity);
        if (exact.isPresent()) {
            return exact;
        }
        for (Category ancestor : catalog.ancestors(categoryCode)) {
            Optional<Plan> plan = best(ancestor.code(), severity);
            if (plan.isPresent()) {
                return plan;
            }
        }
        return Optional.empty();
    }

    /** The plan with this code. */
    public Optional<Plan> find(String code) {
        return directory.plan(code);
    }

    /**
     * The codes of the plans that task or notify the agency (see {@link Plan#names}), by code: read
     * from the database in the caller's transaction, not from the copy in memory.
     */
    public List<String> naming(String agencyCode) {
        return administration.naming(agencyCode);
    }

    /** Every plan, by code. */
    public List<Plan> all() {
        return directory.plans();
    }

    /**
     * Creates or updates the given plans, in the caller's transaction if there is one; plans not
     * given are left as they are, unchanged ones keep their version. The caller has validated them
     * (the reference deployment loader does). Recorded in the audit trail;
     * answers how many were created, changed and left unchanged.
     */
    public ImportCount importAll(List<Plan> plans, Actor actor) {
        return administration.importAll(plans, actor);
    }

    private Optional<Plan> best(String categoryCode, Severity severity) {
        return directory.plansFor(categoryCode).stream()
                .filter(plan -> plan.appliesTo(severity))
                .min(GRAVEST_FIRST);
    }
}
