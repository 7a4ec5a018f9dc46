package io.liandong.shared.security;

/**
 * A user logged out of one console session on this node; the session is already ended when this
 * is published. The user's other logins (other sessions, HTTP Basic, API tokens) still hold.
 * Published by the identity module outside any transaction. Carries the username only, never the
 * session's id: whoever acts on it re-checks which of the user's logins still hold.
 */
public record LoggedOut(String username) {}
