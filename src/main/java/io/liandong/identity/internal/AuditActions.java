package io.liandong.identity.internal;

/** The audit actions the identity module writes. */
final class AuditActions {

    static final String LOGIN_SUCCEEDED = "LOGIN_SUCCEEDED";
    static final String LOGIN_FAILED = "LOGIN_FAILED";
    static final String ACCOUNT_LOCKED = "ACCOUNT_LOCKED";
    static final String ACCOUNT_UNLOCKED = "ACCOUNT_UNLOCKED";
    static final String LOGGED_OUT = "LOGGED_OUT";
    static final String USER_CREATED = "USER_CREATED";
    static final String USER_CHANGED = "USER_CHANGED";
    static final String PERMISSIONS_CHANGED = "PERMISSIONS_CHANGED";
    static final String PASSWORD_RESET = "PASSWORD_RESET";
    static final String TOKEN_ISSUED = "TOKEN_ISSUED";
    static final String TOKEN_REVOKED = "TOKEN_REVOKED";

    /** Actor name for attempts by someone not (yet) logged in. */
    static final String ANONYMOUS = "anonymous";

    /** Actor name for what the center does on its own (first start, lock-outs). */
    static final String SYSTEM = "system";

    private AuditActions() {}
}
