package io.liandong.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The center's {@code /error} page, in place of Spring Boot's: whatever failed outside a controller
 * (a filter, the servlet container, a {@code sendError}) is answered as an RFC 9457 problem, whatever
 * the client accepts; never HTML, a stack or a class name.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        HttpStatus status = code instanceof Integer c ? HttpStatus.resolve(c) : null;
        if (status == null || uri == null) {
            status = HttpStatus.NOT_FOUND;
            uri = request.getRequestURI();
        }
        ProblemDetail body;
        if (status.is5xxServerError()) {
            String correlation = UUID.randomUUID().toString();
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            log.error(
                    "Unexpected failure {} on {} {}",
                    correlation,
                    request.getMethod(),
                    uri,
                    failure instanceof Throwable t ? t : null);
            body = ProblemHandling.body(
                    status,
                    "internal",
                    "Internal error",
                    "an unexpected error occurred; quote correlation id " + correlation);
            body.setProperty("correlationId", correlation);
        } else {
            body = ProblemHandling.body(status, slug(status), status.getReasonPhrase(), detail(status, uri));
        }
        instance(body, uri);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    /** The refused request's own path as the problem's instance, not the error page's. */
    private static void instance(ProblemDetail body, Object uri) {
        try {
            body.setInstance(URI.create(String.valueOf(uri)));
        } catch (IllegalArgumentException notAUri) {
            // A path java.net.URI cannot hold: the detail still names it.
            log.debug("Problem instance left out for a path java.net.URI refuses: {}", notAUri.getMessage());
        }
    }

    private static String slug(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "not-found";
            case BAD_REQUEST -> "malformed-request";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case CONTENT_TOO_LARGE -> "too-large";
            default -> "refused-request";
        };
    }

    private static String detail(HttpStatus status, Object uri) {
        return switch (status) {
            case NOT_FOUND -> "no such resource: " + uri;
            case BAD_REQUEST -> "the request to " + uri + " is malformed";
            default -> "the request to " + uri + " was refused (HTTP " + status.value() + ")";
        };
    }
}
