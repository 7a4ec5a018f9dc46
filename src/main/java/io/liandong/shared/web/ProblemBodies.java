package io.liandong.shared.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem straight to a servlet response, for filters and handlers that answer before
 * Spring MVC (and {@link ProblemHandling}) see the request.
 */
public final class ProblemBodies {

    private ProblemBodies() {}

    public static void write(
            JsonMapper json,
            HttpServletResponse response,
            HttpStatus status,
            String type,
            String title,
            String detail,
            Map<String, ?> extra)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ProblemTypes.of(type).toString());
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.putAll(extra);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
