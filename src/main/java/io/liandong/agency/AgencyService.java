package io.liandong.agency;

import io.liandong.agency.internal.AgencyAdministration;
import io.liandong.agency.internal.AgencyDirectory;
import io.liandong.agency.internal.Districts;
import io.liandong.shared.ImportCount;
import io.liandong.shared.security.Actor;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The agencies, zones and seats of the center. Reads come from an in-memory copy of the tables,
 * reloaded after every change, so they are cheap enough for the intake path.
 */
@Service
public class AgencyService {

    private final AgencyDirectory directory;
    private final AgencyAdministration administration;
    private final Districts districts;

    AgencyService(AgencyDirectory directory, AgencyAdministration administration, Districts districts) {
        this.directory = directory;
        this.administration = administration;
        this.districts = districts;
    }

    /** The agency with this code, active or not. */
    public Optional<Agency> find(String code) {
        return directory.agency(code);
    }

    /**
     * Which of the codes name an agency that is active now, read from the database (not the copy in
     * memory, which another node's change reaches only later). Their rows stay locked until the
     * caller's transaction ends, so none of them is deactivated before a change naming them has
     * committed, and a deactivation under way is waited for. Must run in a transaction.
     */
    public Set<String> holdActive(Collection<String> codes) {
        return administration.holdActive(codes);
    }

    /** Every agency, active or not, by code. */
    public List<Agency> all() {
        return directory.agencies();
    }

    /** The agencies whose representative sits in the hall on that day (see {@link Agency#residentOn}). */
    public List<Agency> residentOn(LocalDate date) {
        return all().stream().filter(agency -> agency.residentOn(date)).toList();
    }

    /**
     * The active agencies of a kind whose jurisdiction covers the district or township (see
     * {@link Agency#covers}), the most specific first (see {@link Agency#closeness}): for 211381 or
     * one of its townships, the police sub-bureau of 211381, then those that cover the whole city
     * (the traffic police); agencies that fit equally closely keep their order.
     */
    public List<Agency> covering(String districtCode, AgencyKind kind) {
        return all().stream()
                .filter(agency -> agency.active() && agency.kind() == kind && agency.covers(districtCode))
                .sorted(Comparator.comparingInt((Agency agency) -> agency.closeness(districtCode))
                        .reversed())
                .toList();
    }

    /** The functional zones of the hall, by code. */
    public List<Zone> zones() {
        return directory.zones();
    }

    /** The zone with this code. */
    public Optional<Zone> zone(String code) {
        return directory.zone(code);
    }

    /** The seats of the hall, by code. */
    public List<Seat> seats() {
        return directory.seats();
    }

    /** The seat with this code. */
    public Optional<Seat> seat(String code) {
        return directory.seat(code);
    }

    /** Whether the code is one of the county-level divisions (区县) of the center's city, not the city itself. */
    public boolean isCountyOfTheCity(String code) {
        return districts.isCounty(code);
    }

    /**
     * Whether the code is a township-level division (乡镇, 街道; 9 digits) of one of the city's
     * counties in the NBS 2023 list.
     */
    public boolean isTownshipOfTheCity(String code) {
        return districts.isTownship(code);
    }

    /** The codes of the county-level divisions of the center's city, in the file's order. */
    public List<String> countyCodes() {
        return districts.all().stream()
                .map(District::code)
                .filter(districts::isCounty)
                .toList();
    }

    /** The center's city and its county-level divisions: the codes an agency's districts may use. */
    public List<District> districts() {
        return districts.all();
    }

    /** The district with this 6-digit code, if it is the center's city or one of its divisions. */
    public Optional<District> district(String code) {
        return districts.find(code);
    }

    /**
     * Creates or updates the given zones, agencies and seats, in the caller's transaction if there
     * is one; rows not given are left as they are, unchanged rows keep their version. The caller
     * has validated the data (the reference deployment loader does). Recorded in the audit trail;
     * answers how many were created, changed and left unchanged.
     */
    public List<ImportCount> importAll(List<Zone> zones, List<Agency> agencies, List<Seat> seats, Actor actor) {
        return administration.importAll(zones, agencies, seats, actor);
    }

    /**
     * What keeps the agency from being deactivated by an import: its open tasks and enabled users,
     * in words (empty when nothing does). Reads only; an import checks again once it holds the row.
     */
    public List<String> deactivationBlockers(String code) {
        return administration.deactivationBlockers(code);
    }
}
