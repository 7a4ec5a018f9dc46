package io.liandong.catalog.internal;

import io.liandong.catalog.Category;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A category as the API shows it, in the words of the deployment files, with its version. */
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
        int version) {

    static CategoryView of(Versioned<Category> row) {
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
                row.version());
    }
}
