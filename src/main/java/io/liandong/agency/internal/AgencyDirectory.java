package io.liandong.agency.internal;

import io.liandong.agency.Agency;
import io.liandong.agency.Seat;
import io.liandong.agency.Zone;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The agency, zone and seat tables held in memory. Read without locks from an immutable
 * snapshot; replaced as a whole after each change, once the change's transaction has ended.
 */
@Component
public class AgencyDirectory {

    private static final Logger log = LoggerFactory.getLogger(AgencyDirectory.class);

    private final AgencyRepository repository;
    private volatile @Nullable Snapshot snapshot;

    AgencyDirectory(AgencyRepository repository) {
        this.repository = repository;
    }

    public Optional<Agency> agency(String code) {
        return Optional.ofNullable(current().agencies().get(code)).map(Versioned::value);
    }

    public List<Agency> agencies() {
        return current().agencyList();
    }

    public Optional<Zone> zone(String code) {
        return Optional.ofNullable(current().zones().get(code)).map(Versioned::value);
    }

    public List<Zone> zones() {
        return current().zoneList();
    }

    public Optional<Seat> seat(String code) {
        return Optional.ofNullable(current().seats().get(code)).map(Versioned::value);
    }

    public List<Seat> seats() {
        return current().seatList();
    }

    Optional<Versioned<Agency>> versionedAgency(String code) {
        return Optional.ofNullable(current().agencies().get(code));
    }

    Optional<Versioned<Zone>> versionedZone(String code) {
        return Optional.ofNullable(current().zones().get(code));
    }

    Optional<Versioned<Seat>> versionedSeat(String code) {
        return Optional.ofNullable(current().seats().get(code));
    }

    /** Reloads once the current transaction has ended (committed or not), or now if there is none. */
    void reloadAfterTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            reload();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                reload();
            }
        });
    }

    /**
     * Reloads when the tables were changed by another node: every {@code
     * liandong.reference.refresh-interval} (30 seconds by default) compares a cheap fingerprint of
     * the tables (rows and the sum of their versions) with the one of the copy in memory.
     */
    @Scheduled(
            initialDelayString = "${liandong.reference.refresh-interval:PT30S}",
            fixedDelayString = "${liandong.reference.refresh-interval:PT30S}")
    void reloadIfChangedElsewhere() {
        Snapshot current = snapshot;
        if (current != null && !repository.fingerprint().equals(current.fingerprint())) {
            log.info("The agencies, zones or seats changed on another node; reloading them.");
            reload();
        }
    }

    synchronized void reload() {
        snapshot = load();
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null) {
            synchronized (this) {
                if (snapshot == null) {
                    snapshot = load();
                }
                current = Objects.requireNonNull(snapshot);
            }
        }
        return current;
    }

    private Snapshot load() {
        String fingerprint = repository.fingerprint();
        Snapshot loaded = new Snapshot(
                fingerprint,
                byCode(repository.agencies(), Agency::code),
                byCode(repository.zones(), Zone::code),
                byCode(repository.seats(), Seat::code));
        log.debug(
                "Loaded {} agencies, {} zones and {} seats.",
                loaded.agencies().size(),
                loaded.zones().size(),
                loaded.seats().size());
        return loaded;
    }

    private static <T> Map<String, Versioned<T>> byCode(List<Versioned<T>> rows, Function<T, String> code) {
        Map<String, Versioned<T>> map = new LinkedHashMap<>();
        rows.forEach(row -> map.put(code.apply(row.value()), row));
        return map;
    }

    private record Snapshot(
            String fingerprint,
            Map<String, Versioned<Agency>> agencies,
            Map<String, Versioned<Zone>> zones,
            Map<String, Versioned<Seat>> seats,
            List<Agency> agencyList,
            List<Zone> zoneList,
            List<Seat> seatList) {

        Snapshot(
                String fingerprint,
                Map<String, Versioned<Agency>> agencies,
                Map<String, Versioned<Zone>> zones,
                Map<String, Versioned<Seat>> seats) {
            this(
                    fingerprint,
                    Map.copyOf(agencies),
                    Map.copyOf(zones),
                    Map.copyOf(seats),
                    agencies.values().stream().map(Versioned::value).toList(),
                    zones.values().stream().map(Versioned::value).toList(),
                    seats.values().stream().map(Versioned::value).toList());
        }
    }
}
