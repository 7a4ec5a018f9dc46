package io.liandong.deployment.internal;

import io.liandong.agency.Agency;
import io.liandong.agency.AgencyService;
import io.liandong.catalog.CategoryOwners;
import io.liandong.catalog.CategoryZones;
import org.springframework.stereotype.Component;

/**
 * Tells the catalog which agencies may own categories and which zones may handle them, so the
 * catalog need not know the agency module.
 */
@Component
class AgencyOwners implements CategoryOwners, CategoryZones {

    private final AgencyService agencies;

    AgencyOwners(AgencyService agencies) {
        this.agencies = agencies;
    }

    @Override
    public boolean isActiveAgency(String agencyCode) {
        return agencies.find(agencyCode).filter(Agency::active).isPresent();
    }

    @Override
    public boolean isZone(String zoneCode) {
        return agencies.zone(zoneCode).isPresent();
    }
}
