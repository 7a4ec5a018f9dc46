package io.liandong.agency.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Body of {@code PUT /api/seats/{code}}. */
record SeatRequest(
        @NotBlank String zone,
        @NotBlank @Size(max = 100) String label,
        @NotBlank String role,
        @Nullable @Pattern(regexp = Fields.CODE, message = Fields.CODE_MESSAGE) String agency,
        @Nullable Integer version) {}
