/**
 * Notifications: telling the duty leader of serious incidents and escalations, an agency of
 * reminders, the commander of returned tasks. Stored, listed and marked read.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package io.liandong.notify;
