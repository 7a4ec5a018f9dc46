package io.liandong.shared.security;

/** Gives the acting user of the current request; implemented by the identity module. */
public interface CurrentActor {

    /** The actor of the current request, or {@link Actor#SYSTEM} outside a request. */
    Actor get();
}
