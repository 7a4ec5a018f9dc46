package io.liandong.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request's query string must decode as percent-encoded UTF-8 and hold no control
 * character (U+0000–U+001F other than tab, CR and LF, U+007F–U+009F), whether or not the endpoint
 * reads it: otherwise 400 {@code malformed-request} before anything else runs. A NUL would
 * otherwise reach PostgreSQL, which refuses it, and an undecodable query would surface as a
 * server error wherever a parameter happened to be read first. A parameter given more than once is
 * refused the same way.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class QueryStringGuard extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(QueryStringGuard.class);

    private final JsonMapper json;

    QueryStringGuard(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        String problem = query == null ? null : problem(query);
        if (problem != null) {
            log.info("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), problem);
            ProblemBodies.write(
                    json,
                    response,
                    HttpStatus.BAD_REQUEST,
                    "malformed-request",
                    "Malformed request",
                    problem,
                    Map.of("instance", request.getRequestURI()));
            return;
        }
        chain.doFilter(request, response);
    }

    /** What is wrong with a raw query string, or null when nothing is. */
    static @Nullable String problem(String query) {
        String encoding = encodingProblem(query);
        return encoding != null ? encoding : repeated(query);
    }

    /**
     * A parameter given twice ({@code to=…&to=…}): no endpoint takes a list in its query, and the
     * framework would silently use the first value, so a client that meant the second would get an
     * answer for another range than it asked for.
     */
    private static @Nullable String repeated(String query) {
        Map<String, Integer> seen = new HashMap<>();
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? part : part.substring(0, equals), StandardCharsets.UTF_8);
            int times = seen.merge(name, 1, Integer::sum);
            if (times == 2) {
                return "the query parameter '" + name + "' is given more than once; give each parameter once";
            }
        }
        return null;
    }

    private static @Nullable String encodingProblem(String query) {
        if (query.indexOf('%') < 0) {
            return null; // the container refuses raw control characters in the request line
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                int high = i + 1 < query.length() ? Character.digit(query.charAt(i + 1), 16) : -1;
                int low = i + 2 < query.length() ? Character.digit(query.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    return "the query string has a % not followed by two hex digits (a literal % is written %25)";
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c > 0x7F) {
                // a raw character outside ASCII, as the container handed it over: not ours to re-decode
                bytes.write('x');
            } else {
                bytes.write(c);
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return "the query string is not valid percent-encoded UTF-8";
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (ControlCharacterGuard.refused(c)) {
                return String.format(
                        "the query string holds the control character U+%04X (U+0000 to U+001F other than tab, CR"
                                + " and LF, U+007F to U+009F are refused)",
                        (int) c);
            }
        }
        return null;
    }
}
