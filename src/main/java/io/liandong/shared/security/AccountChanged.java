package io.liandong.shared.security;

/**
 * An administrator changed a user's account (roles, agency, seat, display name, enabled, password
 * or lock: its version moved on). Published by the identity module inside the changing
 * transaction; a listener that acts on it must wait for the commit. Carries the username only.
 */
public record AccountChanged(String username) {}
