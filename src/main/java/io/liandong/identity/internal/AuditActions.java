package io.liandong.identity.internal;

/**
 * The actor names the identity module writes when nobody is logged in; the actions themselves are
 * {@link io.liandong.shared.AuditAction}.
 */
final class AuditActions {

    /** Actor name for attempts by someone not (yet) logged in. */
    static final String ANONYMOUS = "anonymous";

    /** Actor name for what the center does on its own (first start, lock-outs). */
    static final String SYSTEM = "system";

    private AuditActions() {}
}
