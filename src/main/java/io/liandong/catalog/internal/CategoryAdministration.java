package io.liandong.catalog.internal;

import io.liandong.catalog.Category;
import io.liandong.catalog.CategoryOwners;
import io.liandong.catalog.CategoryZones;
import io.liandong.shared.AuditAction;
import io.liandong.shared.ImportCount;
import io.liandong.shared.security.Actor;
import io.liandong.shared.web.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to categories: checks them, writes them with their optimistic version, records them in
 * the audit trail in the same transaction, and has the directory reloaded afterwards.
 */
@Component
public class CategoryAdministration {

    private static final Logger log = LoggerFactory.getLogger(CategoryAdministration.class);

    static final int MAX_KEYWORD_LENGTH = 100;

    static final int MAX_KEYWORDS_LENGTH = 4000;

    private final CategoryRepository repository;
    private final CategoryDirectory directory;
    private final CategoryOwners owners;
    private final CategoryZones zones;

    CategoryAdministration(
            CategoryRepository repository,
            CategoryDirectory directory,
            ObjectProvider<CategoryOwners> owners,
            ObjectProvider<CategoryZones> zones) {
        this.repository = repository;
        this.directory = directory;
        this.owners = owners.getIfAvailable(() -> {
            log.warn("No CategoryOwners in this application: category owners are not checked against the agencies.");
            return code -> true;
        });
        this.zones = zones.getIfAvailable(() -> {
            log.warn("No CategoryZones in this application: category zones are not checked against the hall.");
            return code -> true;
        });
    }

    @Transactional
    public Versioned<Category> create(Category category, Actor actor) {
        check(category);
        if (repository.category(category.code()).isPresent()) {
            throw Problem.conflict("category " + category.code() + " already exists");
        }

        try {
            repository.insert(category);
        } catch (DuplicateKeyException race) {
            // Another request created it between the look above and this insert.
            throw Problem.conflict("category " + category.code() + " already exists");
        }
        repository.audit(actor.username(), AuditAction.CATEGORY_CREATED, category.code(), category.toString());
        directory.reloadAfterTransaction();
        log.info("Category {} created by {}.", category.code(), actor.username());
        return new Versioned<>(category, 0);
    }

    @Transactional
    public Versioned<Category> update(Category category, int version, Actor actor) {
        Versioned<Category> current =
                repository.category(category.code()).orElseThrow(() -> Problem.notFound("category", category.code()));
        check(category);

        if (!repository.update(category, version)) {
            throw Problem.conflict("category " + category.code() + " was changed by someone else: version " + version
                    + " is stale, the current version is " + current.version() + "; reload it and try again");
        }
        repository.audit(
                actor.username(),
                AuditAction.CATEGORY_UPDATED,
                category.code(),
                Audit.changes(current.value(), category));
        directory.reloadAfterTransaction();
        log.info("Category {} updated by {} (version {}).", category.code(), actor.username(), version + 1);
        return new Versioned<>(category, version + 1);
    }

    /** See {@link io.liandong.catalog.CatalogService#ownedBy}. */
    public List<String> ownedBy(String agencyCode) {
        return repository.categories().stream()
                .map(Versioned::value)
                .filter(category -> agencyCode.equals(category.ownerAgency()))
                .map(Category::code)
                .toList();
    }

    /** See {@link io.liandong.catalog.CatalogService#importAll}. */
    @Transactional
    public ImportCount importAll(List<Category> categories, Actor actor) {
        Map<String, Versioned<Category>> stored = repository.categories().stream()
                .collect(Collectors.toMap(row -> row.value().code(), Function.identity()));
        int created = 0;
        int updated = 0;
        for (Category category : categories) {
            Versioned<Category> existing = stored.get(category.code());
            if (existing == null) {
                repository.insert(category);
                created++;
            } else if (!existing.value().equals(category)) {
                if (!repository.update(category, existing.version())) {
                    throw new IllegalStateException("category " + category.code() + " changed while being imported");
                }
                updated++;
            }
        }

        ImportCount counts = new ImportCount("categories", created, updated, categories.size() - created - updated);
        repository.audit(actor.username(), AuditAction.CATEGORIES_IMPORTED, "category", counts.toString());
        directory.reloadAfterTransaction();
        log.info("Imported reference data: {}.", counts);
        return counts;
    }

    private void check(Category category) {
        List<Problem.FieldError> errors = new ArrayList<>();
        checkParent(category, errors);
        String owner = category.ownerAgency();
        if (!category.police() && owner == null) {
            errors.add(new Problem.FieldError("owner", "a non-police category must have an owner agency", null));
        }
        if (owner != null && !owners.isActiveAgency(owner)) {
            errors.add(new Problem.FieldError("owner", "no such active agency '" + owner + "'", owner));
        }
        String zone = category.zoneCode();
        if (zone != null && !zones.isZone(zone)) {
            errors.add(new Problem.FieldError("zone", "no such zone '" + zone + "'", zone));
        }
        for (String keyword : category.keywords()) {
            if (keyword.isBlank() || keyword.length() > MAX_KEYWORD_LENGTH) {
                errors.add(new Problem.FieldError(
                        "keywords", "each keyword must have 1 to " + MAX_KEYWORD_LENGTH + " characters", keyword));
            }
            if (keyword.contains(CategoryRepository.KEYWORD_SEPARATOR)) {
                errors.add(new Problem.FieldError("keywords", "a keyword may not contain '|'", keyword));
            }
        }
        if (String.join(CategoryRepository.KEYWORD_SEPARATOR, category.keywords())
                        .length()
                > MAX_KEYWORDS_LENGTH) {
            errors.add(new Problem.FieldError(
                    "keywords",
                    "all keywords together may have at most " + MAX_KEYWORDS_LENGTH + " characters",
                    category.keywords().size() + " keywords"));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
    }

    /** The parent must exist, and must not be the category itself or below it. */
    private void checkParent(Category category, List<Problem.FieldError> errors) {
        String parent = category.parentCode();
        Set<String> seen = new HashSet<>();
        while (parent != null) {
            if (parent.equals(category.code())) {
                errors.add(new Problem.FieldError(
                        "parent",
                        "'" + category.parentCode() + "' would put the category below itself",
                        category.parentCode()));
                return;
            }
            var found = directory.category(parent);
            if (found.isEmpty()) {
                errors.add(new Problem.FieldError("parent", "no such category '" + parent + "'", parent));
                return;
            }
            if (!seen.add(parent)) {
                return;
            }
            parent = found.get().parentCode();
        }
    }
}
