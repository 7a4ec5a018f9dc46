/**
 * Identity: who may use the center and what each role may do. People log in with a form and
 * keep a session; machine clients use HTTP Basic or API tokens. Every login, lock-out and
 * permission change is written to the append-only audit trail ({@link io.liandong.identity.AuditTrail}),
 * which other modules use for their own configuration changes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity", allowedDependencies = "shared")
package io.liandong.identity;
