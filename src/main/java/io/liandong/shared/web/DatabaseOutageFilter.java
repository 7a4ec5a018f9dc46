package io.liandong.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

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
            log.warn(
                    "Answered {} {} with 503: the database cannot be reached ({})",
                    request.getMethod(),
                    request.getRequestURI(),
                    failure.toString());
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
            ProblemBodies.write(
                    json,
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    DatabaseOutage.TYPE,
                    DatabaseOutage.TITLE,
                    DatabaseOutage.DETAIL,
                    Map.of("instance", request.getRequestURI()));
        }
    }
}
