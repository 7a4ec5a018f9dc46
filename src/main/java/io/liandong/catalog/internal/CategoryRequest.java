package io.liandong.catalog.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/categories} (code required) and {@code PUT /api/categories/{code}}
 * (version required). {@code divert} defaults to true for a non-police category; without a
 * {@code zone} the category's incidents take its parent's zone.
 */
record CategoryRequest(
        @Nullable @Pattern(regexp = Fields.CODE, message = Fields.CODE_MESSAGE) String code,
        @Nullable @Pattern(regexp = Fields.CODE, message = Fields.CODE_MESSAGE) String parent,
        @NotBlank @Size(max = 200) String nameZh,
        @NotBlank @Size(max = 200) String nameEn,
        @NotNull Boolean police,
        @Nullable Boolean divert,
        @NotBlank String priority,
        @NotBlank String severity,
        @Nullable @Pattern(regexp = Fields.CODE, message = Fields.CODE_MESSAGE) String owner,
        @Nullable @Size(max = 300) List<@NotNull String> keywords,
        @Nullable @Pattern(regexp = Fields.CODE, message = Fields.CODE_MESSAGE) String zone,
        @Nullable Integer version) {}
