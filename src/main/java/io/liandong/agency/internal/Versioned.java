package io.liandong.agency.internal;

/** A row as stored, with the optimistic version a change must quote. */
public record Versioned<T>(T value, int version) {}
