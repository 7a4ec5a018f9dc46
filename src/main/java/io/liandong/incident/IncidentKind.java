package io.liandong.incident;

/** An emergency handled in the hall, or a non-police service case diverted to its agency. */
public enum IncidentKind {
    EMERGENCY,
    SERVICE
}
