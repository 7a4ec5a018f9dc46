package io.liandong.incident;

/** Where an incident stands; CLOSED and CANCELLED incidents may be reopened. */
public enum IncidentStatus {
    OPEN,
    CLOSED,
    CANCELLED
}
