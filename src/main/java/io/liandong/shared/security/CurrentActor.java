package io.liandong.shared.security;

import java.util.function.BooleanSupplier;

/** Gives the acting user of the current request; implemented by the identity module. */
public interface CurrentActor {

    /** The actor of the current request, or {@link Actor#SYSTEM} outside a request. */
    Actor get();

    /**
     * A check, to run later and on any thread, of whether the login behind the current request
     * still holds with the rights it had: the account still exists, is enabled, has the same
     * password and has not been changed at all since (its version: roles, agency, seat), a console
     * session has not been logged out and an API token has not been revoked. For requests that
     * outlive their authentication, such as the live stream. Outside a login it always answers
     * false, and so does this default, for implementations that know no logins.
     */
    default BooleanSupplier stillLoggedIn() {
        return () -> false;
    }
}
