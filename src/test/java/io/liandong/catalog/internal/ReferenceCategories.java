package io.liandong.catalog.internal;

import io.liandong.catalog.Category;
import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The categories of the packaged reference deployment, read straight from its YAML for unit tests. */
final class ReferenceCategories {

    private ReferenceCategories() {}

    static List<Category> all() {
        try (InputStream in = new ClassPathResource("deployment/categories.yaml").getInputStream()) {
            List<Category> categories = new ArrayList<>();
            for (JsonNode node : YAMLMapper.shared().readTree(in).get("categories")) {
                boolean police = node.get("police").asBoolean();
                categories.add(new Category(
                        node.get("code").asString(),
                        node.hasNonNull("parent") ? node.get("parent").asString() : null,
                        node.get("nameZh").asString(),
                        node.get("nameEn").asString(),
                        police,
                        node.has("divert") ? node.get("divert").asBoolean() : !police,
                        Priority.valueOf(node.get("priority").asString()),
                        Severity.valueOf(node.get("severity").asString()),
                        node.hasNonNull("owner") ? node.get("owner").asString() : null,
                        node.get("keywords")
                                .valueStream()
                                .map(JsonNode::asString)
                                .toList(),
                        node.hasNonNull("zone") ? node.get("zone").asString() : null));
            }
            return categories;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
