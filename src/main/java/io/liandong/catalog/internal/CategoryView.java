package io.liandong.catalog.internal;

import io.liandong.catalog.Category;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A category as the API shows it, in the words of the deployment files, with its version. {@code
 * zone} is the zone the category names itself (null: its parent's); {@code effectiveZone} is the
 * one its incidents get.
 */
record CategoryView(
        String code,
        @Nullable String parent,
        String nameZh,
        String nameEn,
        boolean police,
        boolean divert,
        String priority,
        String severity,
        @Nullable String owner,
        List<String> keywords,
        @Nullable String zone,
        @Nullable String effectiveZone,
        int version) {

    static CategoryView of(Versioned<Category> row, @Nullable String effectiveZone) {
        Category category = row.value();
        return new CategoryView(
                category.code(),
                category.parentCode(),
                category.nameZh(),
                category.nameEn(),
                category.police(),
                category.divert(),
                category.defaultPriority().name(),
                category.defaultSeverity().name(),
                category.ownerAgency(),
                category.keywords(),
                category.zoneCode(),
                effectiveZone,
                row.version());
    }
}
