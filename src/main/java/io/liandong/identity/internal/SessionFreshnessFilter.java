package io.liandong.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a logged-in session in step with app_user: when an administrator changes a user's roles,
 * agency or seat, the user's next request already acts with them; when the user is disabled,
 * removed or given a new password, the session ends.
 */
final class SessionFreshnessFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SessionFreshnessFilter.class);

    private final AccountRepository accounts;
    private final Clock clock;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    SessionFreshnessFilter(AccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = contexts.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null && authentication != null && authentication.getPrincipal() instanceof AccountPrincipal p) {
            refresh(p, session, request, response);
        }
        chain.doFilter(request, response);
    }

    private void refresh(
            AccountPrincipal principal, HttpSession session, HttpServletRequest request, HttpServletResponse response) {
        Optional<Account> account = accounts.find(principal.getUsername());
        if (!principal.stillHeldBy(account)) {
            log.info(
                    "Ended the session of user {}: the account was disabled, removed or given a new password",
                    principal.getUsername());
            contexts.clearContext();
            session.invalidate();
            return;
        }
        if (account.get().version() == principal.version()) {
            return;
        }
        AccountPrincipal fresh = AccountPrincipal.of(account.get(), clock.instant());
        fresh.eraseCredentials();
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities()));
        contexts.setContext(context);
        sessions.saveContext(context, request, response);
        log.debug("Refreshed the session of user {} to account version {}", fresh.getUsername(), fresh.version());
    }
}
