/**
 * The incident record: an append-only list of everything that happened to an incident (or a
 * diverted case), who did it, from which seat, when and why. Nothing in it is ever updated or
 * deleted; corrections are new entries.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Record")
package io.liandong.record;
