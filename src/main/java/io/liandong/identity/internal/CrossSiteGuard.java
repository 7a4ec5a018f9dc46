package io.liandong.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Machine clients need no CSRF token, so a browser must not be able to act as one: a browser that
 * remembered Basic credentials would send them with a forged cross-site form. Browsers mark every
 * request with {@code Sec-Fetch-Site}; machine clients do not send it. A state-changing request
 * that a browser marks as coming from another site is refused.
 */
final class CrossSiteGuard extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private final ProblemResponses problems;

    CrossSiteGuard(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site == null || SAFE_METHODS.contains(request.getMethod()) || OWN_SITE.contains(site)) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(
                response,
                HttpStatus.FORBIDDEN,
                "cross-site",
                "Cross-site request refused",
                "a browser sent " + request.getMethod() + " " + request.getRequestURI() + " from another site (" + site
                        + ")");
    }
}
