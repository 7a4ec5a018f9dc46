package io.liandong.catalog.internal;

import io.liandong.catalog.Category;
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
 * The category table held in memory with its classifier. Read without locks from an immutable
 * snapshot; replaced as a whole after each change, once the change's transaction has ended.
 */
@Component
public class CategoryDirectory {

    private static final Logger log = LoggerFactory.getLogger(CategoryDirectory.class);

    /** Guards against a cycle in the tree, which the administration refuses anyway. */
    private static final int MAX_DEPTH = 16;

    private final CategoryRepository repository;
    private volatile @Nullable Snapshot snapshot;

    CategoryDirectory(CategoryRepository repository) {
        this.repository = repository;
    }

    public Optional<Category> category(String code) {
        return versioned(code).map(Versioned::value);
    }

    public List<Category> categories() {
        return current().list();
    }

    public List<Category> children(String code) {
        return current().list().stream()
                .filter(category -> code.equals(category.parentCode()))
                .toList();
    }

    /**
     * The zone that handles the category's incidents: its own, or the nearest ancestor's; empty
     * when neither it nor any ancestor names one, or the code is unknown.
     */
    public Optional<String> effectiveZone(String code) {
        Map<String, Versioned<Category>> byCode = current().byCode();
        Versioned<Category> row = byCode.get(code);
        for (int depth = 0; row != null && depth < MAX_DEPTH; depth++) {
            Category category = row.value();
            if (category.zoneCode() != null) {
                return Optional.of(category.zoneCode());
            }
            String parent = category.parentCode();
            row = parent == null ? null : byCode.get(parent);
        }
        return Optional.empty();
    }

    /** The classifier for the current categories. */
    public Classifier classifier() {
        return current().classifier();
    }

    Optional<Versioned<Category>> versioned(String code) {
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
            log.info("The categories changed on another node; reloading them.");
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
        Map<String, Versioned<Category>> byCode = new LinkedHashMap<>();
        List<Category> list = new ArrayList<>();
        for (Versioned<Category> row : repository.categories()) {
            byCode.put(row.value().code(), row);
            list.add(row.value());
        }
        Snapshot loaded = new Snapshot(fingerprint, Map.copyOf(byCode), List.copyOf(list), new Classifier(list));
        log.debug("Loaded {} categories.", list.size());
        return loaded;
    }

    private record Snapshot(
            String fingerprint, Map<String, Versioned<Category>> byCode, List<Category> list, Classifier classifier) {}
}
