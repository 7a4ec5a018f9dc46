package io.liandong.agency;

import java.util.List;
import java.util.Objects;

/**
 * 功能分区: an area of the hall, and the platform its seats work on ({@code CITY-EMERGENCY},
 * {@code GOVERNANCE} or {@code POLICE-COMMAND}).
 */
public record Zone(String code, String nameZh, String nameEn, String platform) {

    /** The three platforms that run together in the hall. */
    public static final List<String> PLATFORMS = List.of("CITY-EMERGENCY", "GOVERNANCE", "POLICE-COMMAND");

    public Zone {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(platform, "platform");
    }
}
