/**
 * Intake (接警): every inbound report, from any channel, recorded once (idempotency keys make
 * retries safe), classified, and admitted as an incident, a merge or a diversion.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Intake")
package io.liandong.intake;
