package io.liandong.plan.internal;

import io.liandong.plan.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The plan tables held in memory, indexed by category. Read without locks from an immutable
 * snapshot; replaced as a whole after each change, once the change's transaction has ended.
 */
@Component
public class PlanDirectory {

    private static final Logger log = LoggerFactory.getLogger(PlanDirectory.class);

    private final PlanRepository repository;
    private volatile @Nullable Snapshot snapshot;

    PlanDirectory(PlanRepository repository) {
        this.repository = repository;
    }

    public Optional<Plan> plan(String code) {
        return versioned(code).map(Versioned::value);
    }

    public List<Plan> plans() {
        return current().list();
    }

    /** The plans written for exactly this category. */
    public List<Plan> plansFor(String categoryCode) {
        return current().byCategory().getOrDefault(categoryCode, List.of());
    }

    Optional<Versioned<Plan>> versioned(String code) {
        return Optional.ofNullable(current().byCode().get(code));
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
            log.info("The plans changed on another node; reloading them.");
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
        Map<String, Versioned<Plan>> byCode = new LinkedHashMap<>();
        Map<String, List<Plan>> byCategory = new LinkedHashMap<>();
        List<Plan> list = new ArrayList<>();
        for (Versioned<Plan> row : repository.plans()) {
            Plan plan = row.value();
            byCode.put(plan.code(), row);
            byCategory
                    .computeIfAbsent(plan.categoryCode(), k -> new ArrayList<>())
                    .add(plan);
            list.add(plan);
        }
        byCategory.replaceAll((category, plans) -> List.copyOf(plans));
        log.debug("Loaded {} plans.", list.size());
        return new Snapshot(fingerprint, Map.copyOf(byCode), Map.copyOf(byCategory), List.copyOf(list));
    }

    private record Snapshot(
            String fingerprint,
            Map<String, Versioned<Plan>> byCode,
            Map<String, List<Plan>> byCategory,
            List<Plan> list) {}
}
