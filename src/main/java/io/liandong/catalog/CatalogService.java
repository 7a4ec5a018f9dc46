package io.liandong.catalog;

import io.liandong.catalog.internal.CategoryAdministration;
import io.liandong.catalog.internal.CategoryDirectory;
import io.liandong.shared.ImportCount;
import io.liandong.shared.security.Actor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The category tree and the classifier. Reads come from an in-memory copy of the table, reloaded
 * after every change, so they are cheap enough for the intake path.
 */
@Service
public class CatalogService {

    /** Guards against a cycle in the tree, which the administration refuses anyway. */
    private static final int MAX_DEPTH = 16;

    private final CategoryDirectory directory;
    private final CategoryAdministration administration;

    CatalogService(CategoryDirectory directory, CategoryAdministration administration) {
        this.directory = directory;
        this.administration = administration;
    }

    /** The category with this code. */
    public Optional<Category> find(String code) {
        return directory.category(code);
    }

    /** Every category, by code. */
    public List<Category> all() {
        return directory.categories();
    }

    /**
     * The codes of the categories whose owner is the agency, by code: read from the database in the
     * caller's transaction, not from the copy in memory.
     */
    public List<String> ownedBy(String agencyCode) {
        return administration.ownedBy(agencyCode);
    }

    /** The categories directly below this one, by code. */
    public List<Category> children(String code) {
        return directory.children(code);
    }

    /** The parent, the grandparent and so on up to the top-level category; empty for a top-level or unknown one. */
    public List<Category> ancestors(String code) {
        List<Category> ancestors = new ArrayList<>();
        String parent = find(code).map(Category::parentCode).orElse(null);
        while (parent != null && ancestors.size() < MAX_DEPTH) {
            Optional<Category> category = find(parent);
            if (category.isEmpty()) {
                break;
            }
            ancestors.add(category.get());
            parent = category.get().parentCode();
        }
        return ancestors;
    }

    /**
     * The hall zone that handles incidents of this category: the category's own zone, else the
     * nearest ancestor's; empty when none names one. Read from the current categories, so an
     * administrator's change applies to open and past incidents alike.
     */
    public Optional<String> zoneOf(String code) {
        return directory.effectiveZone(code);
    }

    /** The codes of the categories whose incidents the given zones handle (see {@link #zoneOf}). */
    public List<String> inZones(Collection<String> zoneCodes) {
        return all().stream()
                .map(Category::code)
                .filter(code -> zoneOf(code).filter(zoneCodes::contains).isPresent())
                .toList();
    }

    /**
     * Suggests categories for a caller's words, Chinese or English: at most five, best first,
     * none when nothing in the text points to a category. Top-level categories are never
     * suggested. Cheap: no database, no per-call pattern compilation.
     */
    public Classification classify(String text) {
        return directory.classifier().classify(text);
    }

    /**
     * Creates or updates the given categories, in the caller's transaction if there is one;
     * categories not given are left as they are, unchanged ones keep their version. The caller has
     * validated them (the reference deployment loader does). Recorded in the audit trail;
     * answers how many were created, changed and left unchanged.
     */
    public ImportCount importAll(List<Category> categories, Actor actor) {
        return administration.importAll(categories, actor);
    }
}
