package io.liandong.catalog.internal;

import io.liandong.catalog.Category;
import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import io.liandong.shared.security.CurrentActor;
import io.liandong.shared.web.Problem;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/categories}: read by any logged-in user, changed by administrators (the identity
 * module enforces the roles). Categories are never deleted: incidents keep their codes.
 */
@RestController
@RequestMapping("/api/categories")
class CategoryController {

    private final CategoryDirectory directory;
    private final CategoryAdministration administration;
    private final CurrentActor actor;

    CategoryController(CategoryDirectory directory, CategoryAdministration administration, CurrentActor actor) {
        this.directory = directory;
        this.administration = administration;
        this.actor = actor;
    }

    @GetMapping
    List<CategoryView> categories() {
        return directory.categories().stream()
                .map(category -> view(directory.versioned(category.code()).orElseThrow()))
                .toList();
    }

    @GetMapping("/tree")
    List<CategoryNode> tree() {
        return CategoryNode.tree(directory.categories());
    }

    @GetMapping("/{code}")
    CategoryView category(@PathVariable String code) {
        return directory.versioned(code).map(this::view).orElseThrow(() -> Problem.notFound("category", code));
    }

    @PostMapping
    ResponseEntity<CategoryView> create(@Valid @RequestBody CategoryRequest request) {
        if (request.code() == null) {
            throw Problem.invalid("code", "must be given", null);
        }
        Versioned<Category> created = administration.create(category(request.code(), request), actor.get());
        return ResponseEntity.created(URI.create("/api/categories/" + request.code()))
                .body(view(created));
    }

    @PutMapping("/{code}")
    CategoryView update(@PathVariable String code, @Valid @RequestBody CategoryRequest request) {
        if (request.code() != null && !request.code().equals(code)) {
            throw Problem.invalid("code", "must match the code in the path, " + code, request.code());
        }
        Integer version = request.version();
        if (version == null) {
            throw Problem.invalid("version", "must be given: the version you read", null);
        }
        return view(administration.update(category(code, request), version, actor.get()));
    }

    private CategoryView view(Versioned<Category> row) {
        return CategoryView.of(row, directory.effectiveZone(row.value().code()).orElse(null));
    }

    private static Category category(String code, CategoryRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Priority priority = Fields.enumValue(Priority.class, "priority", request.priority(), errors);
        Severity severity = Fields.enumValue(Severity.class, "severity", request.severity(), errors);
        boolean police = request.police();
        boolean divert = request.divert() == null ? !police : request.divert();
        if (police && divert) {
            errors.add(new Problem.FieldError("divert", "a police category cannot be diverted", true));
        }
        if (priority == null || severity == null || !errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        List<String> keywords = request.keywords() == null
                ? List.of()
                : request.keywords().stream()
                        .map(k -> k == null ? "" : k.strip())
                        .toList();
        return new Category(
                code,
                blankToNull(request.parent()),
                request.nameZh().strip(),
                request.nameEn().strip(),
                police,
                divert,
                priority,
                severity,
                blankToNull(request.owner()),
                keywords,
                blankToNull(request.zone()));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
