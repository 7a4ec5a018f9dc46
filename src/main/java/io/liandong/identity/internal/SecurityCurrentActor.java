package io.liandong.identity.internal;

import io.liandong.shared.security.Actor;
import io.liandong.shared.security.CurrentActor;
import jakarta.servlet.http.HttpSession;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.session.SessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The actor of the current request, from the account that logged in (form, Basic or API token).
 * Outside a request (start-up, schedulers, event listeners on other threads) it is
 * {@link Actor#SYSTEM}; inside a request nobody logged in to it is an anonymous actor with no
 * role, never the all-powerful system.
 */
@Component
class SecurityCurrentActor implements CurrentActor {

    static final Actor ANONYMOUS = new Actor(AuditActions.ANONYMOUS, Set.of(), null, null);

    private final AccountRepository accounts;
    private final ApiTokens tokens;
    private final ObjectProvider<SessionRepository<?>> sessions;

    SecurityCurrentActor(AccountRepository accounts, ApiTokens tokens, ObjectProvider<SessionRepository<?>> sessions) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @Override
    public Actor get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AccountPrincipal principal) {
            return principal.actor();
        }
        return RequestContextHolder.getRequestAttributes() == null ? Actor.SYSTEM : ANONYMOUS;
    }

    @Override
    public BooleanSupplier stillLoggedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AccountPrincipal principal)) {
            return () -> false;
        }
        String token = currentBearerToken();
        if (token != null) {
            // A token lives on its own: it ends when revoked or its account is disabled, not with a
            // password; what it may see ends with any change of its account (the version).
            return () -> tokens.resolve(token)
                    .filter(now -> now.version() == principal.version())
                    .isPresent();
        }
        String sessionId = currentSessionId();
        SessionRepository<?> repository = sessionId == null ? null : sessions.getIfAvailable();
        return () -> {
            if (!principal.unchangedIn(accounts.find(principal.getUsername()))) {
                return false;
            }
            return repository == null || repository.findById(sessionId) != null;
        };
    }

    private static @Nullable String currentBearerToken() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return ApiTokenFilter.bearerToken(attributes.getRequest());
        }
        return null;
    }

    private static @Nullable String currentSessionId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpSession session = attributes.getRequest().getSession(false);
            return session == null ? null : session.getId();
        }
        return null;
    }
}
