package io.liandong.shared;

/**
 * Every action the audit trail ({@code audit_event.action}) holds. Each module writes its own rows
 * but names them from here, so that {@code GET /api/audit?action=} can tell an unknown action (a
 * typo) from one that has no rows yet.
 */
public enum AuditAction {
    // identity: logins and users
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    ACCOUNT_LOCKED,
    ACCOUNT_UNLOCKED,
    LOGGED_OUT,
    USER_CREATED,
    USER_CHANGED,
    PERMISSIONS_CHANGED,
    PASSWORD_RESET,
    TOKEN_ISSUED,
    TOKEN_REVOKED,
    // agency
    AGENCY_CREATED,
    AGENCY_UPDATED,
    AGENCY_DEACTIVATED,
    SEAT_UPDATED,
    AGENCIES_IMPORTED,
    // catalog
    CATEGORY_CREATED,
    CATEGORY_UPDATED,
    CATEGORIES_IMPORTED,
    // plan
    PLAN_CREATED,
    PLAN_UPDATED,
    PLANS_IMPORTED
}
