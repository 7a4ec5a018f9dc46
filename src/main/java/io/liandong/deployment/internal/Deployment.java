package io.liandong.deployment.internal;

import io.liandong.agency.Agency;
import io.liandong.agency.Seat;
import io.liandong.agency.Zone;
import io.liandong.catalog.Category;
import io.liandong.deployment.DeploymentSummary;
import io.liandong.plan.Plan;
import java.util.List;
import java.util.Set;

/**
 * What a set of deployment files holds, read and converted to the modules' types; {@code files}
 * names the files that were there (a folder may hold only some of them).
 */
public record Deployment(
        List<Zone> zones,
        List<Agency> agencies,
        List<Seat> seats,
        List<Category> categories,
        List<Plan> plans,
        Set<String> files) {

    public DeploymentSummary summary() {
        return new DeploymentSummary(
                agencies.size(),
                (int) agencies.stream().filter(Agency::member).count(),
                zones.size(),
                seats.size(),
                categories.size(),
                plans.size());
    }
}
