package io.liandong.identity.internal;

import io.liandong.shared.security.Actor;
import io.liandong.shared.security.CurrentActor;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The actor of the current request, from the account that logged in (form, Basic or API token).
 * Outside a request (start-up, schedulers, event listeners on other threads) it is
 * {@link Actor#SYSTEM}; inside a request nobody logged in to it is an anonymous actor with no
 * role, never the all-powerful system.
 */
@Component
class SecurityCurrentActor implements CurrentActor {

    static final Actor ANONYMOUS = new Actor(AuditActions.ANONYMOUS, Set.of(), null, null);

    @Override
    public Actor get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AccountPrincipal principal) {
            return principal.actor();
        }
        return RequestContextHolder.getRequestAttributes() == null ? Actor.SYSTEM : ANONYMOUS;
    }
}
