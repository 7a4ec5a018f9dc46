package io.liandong.catalog.internal;

import io.liandong.catalog.Category;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One node of {@code GET /api/categories/tree}: a category and the categories below it. */
record CategoryNode(
        String code,
        String nameZh,
        String nameEn,
        boolean police,
        boolean divert,
        String priority,
        String severity,
        @Nullable String owner,
        List<CategoryNode> children) {

    /** The forest of top-level categories; a category whose parent is unknown counts as top-level. */
    static List<CategoryNode> tree(List<Category> categories) {
        Map<String, List<Category>> byParent = new LinkedHashMap<>();
        List<Category> roots = new ArrayList<>();
        Map<String, Category> byCode = new LinkedHashMap<>();
        categories.forEach(category -> byCode.put(category.code(), category));
        for (Category category : categories) {
            String parent = category.parentCode();
            if (parent == null || !byCode.containsKey(parent)) {
                roots.add(category);
            } else {
                byParent.computeIfAbsent(parent, k -> new ArrayList<>()).add(category);
            }
        }
        return roots.stream().map(root -> node(root, byParent)).toList();
    }

    private static CategoryNode node(Category category, Map<String, List<Category>> byParent) {
        List<CategoryNode> children = byParent.getOrDefault(category.code(), List.of()).stream()
                .map(child -> node(child, byParent))
                .toList();
        return new CategoryNode(
                category.code(),
                category.nameZh(),
                category.nameEn(),
                category.police(),
                category.divert(),
                category.defaultPriority().name(),
                category.defaultSeverity().name(),
                category.ownerAgency(),
                children);
    }
}
