package io.liandong.agency.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Body of {@code POST /api/agencies} (code required) and {@code PUT /api/agencies/{code}} (version required). */
record AgencyRequest(
        @Nullable @Pattern(regexp = Fields.CODE, message = Fields.CODE_MESSAGE) String code,
        @NotBlank @Size(max = 200) String nameZh,
        @NotBlank @Size(max = 200) String nameEn,
        @NotBlank String kind,
        @NotBlank String residency,
        @Nullable @Size(max = 12) List<@NotNull String> seasons,
        @NotEmpty @Size(max = 50)
                List<@NotNull @Pattern(regexp = "\\d{6}", message = "must be a 6-digit division code") String>
                        districts,
        @Nullable Boolean member,
        @Nullable @Size(max = 100) String chiefRep,
        @Nullable Boolean active,
        @Nullable Integer version) {}
