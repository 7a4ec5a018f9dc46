package io.liandong.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers 503 {@code database-unavailable} (with {@code Retry-After}) when a request fails in a
 * filter because the database cannot be reached: reading a console's session, a machine client's
 * account or token. It runs outside every other filter but the query guard, so the session filter
 * and the security chain fail into it; failures inside a controller are answered the same way by
 * {@link ProblemHandling}. Without it such a request ended as a 500 from the servlet container's
 * error page, after failing once more on the way.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class DatabaseOutageFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    DatabaseOutageFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException | IOException failure) {
            if (!DatabaseOutage.causedBy(failure) || response.isCommitted()) {
                throw failure;
            }
            DatabaseOutage.answer(json, request, response, failure);
        }
    }
}
