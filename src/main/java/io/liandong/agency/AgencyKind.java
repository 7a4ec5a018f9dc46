package io.liandong.agency;

/** What sort of unit an agency is. */
public enum AgencyKind {
    /** A police unit: a sub-bureau, the traffic police. */
    POLICE,
    /** The fire and rescue service. */
    FIRE,
    /** The 120 ambulance service and other medical units. */
    MEDICAL,
    /** A gas, power, water or heating company, or another public utility. */
    UTILITY,
    /** A government department or public body. */
    GOVERNMENT,
    /** A company or association that is not a utility (telecom operators, locksmiths, bus company). */
    ENTERPRISE
}
