package io.liandong.deployment.internal;

import io.liandong.agency.AgencyReferences;
import io.liandong.agency.AgencyService;
import io.liandong.catalog.CatalogService;
import io.liandong.catalog.CategoryOwners;
import io.liandong.catalog.CategoryZones;
import io.liandong.plan.PlanService;
import io.liandong.shared.security.UserPlaces;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Tells the catalog which agencies may own categories and which zones may handle them, so the
 * catalog need not know the agency module; and tells the agency module which categories and plans
 * name an agency, so it need not know them; and tells user administration which agencies and seats
 * a user may be given.
 */
@Component
class AgencyOwners implements CategoryOwners, CategoryZones, AgencyReferences, UserPlaces {

    private final AgencyService agencies;
    private final CatalogService catalog;
    private final PlanService plans;

    /** The catalog and plans are lazy: their administrations need this bean themselves. */
    AgencyOwners(AgencyService agencies, @Lazy CatalogService catalog, @Lazy PlanService plans) {
        this.agencies = agencies;
        this.catalog = catalog;
        this.plans = plans;
    }

    @Override
    public boolean isActiveAgency(String agencyCode) {
        return !agencies.holdActive(Set.of(agencyCode)).isEmpty();
    }

    @Override
    public boolean isSeat(String seatCode) {
        return agencies.seat(seatCode).isPresent();
    }

    @Override
    public List<String> categoriesOwnedBy(String agencyCode) {
        return catalog.ownedBy(agencyCode);
    }

    @Override
    public List<String> plansNaming(String agencyCode) {
        return plans.naming(agencyCode);
    }

    @Override
    public boolean isZone(String zoneCode) {
        return agencies.zone(zoneCode).isPresent();
    }
}
