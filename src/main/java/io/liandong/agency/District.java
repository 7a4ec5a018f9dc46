package io.liandong.agency;

/**
 * A county-level division of the center's city, or the city itself, by its 6-digit code
 * (NBS 2023 statistical division codes, for example {@code 211302} 双塔区).
 */
public record District(String code, String name) {}
