package io.liandong.console.internal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console is a single-page application: a browser that opens or reloads a console address
 * ({@code /board}, {@code /incidents/12}) gets {@code index.html}, and the page's router shows the
 * screen. The API, the built assets, the map data, the actuator, the OpenAPI pages and anything
 * with a dot in its first segment (a file) are left alone.
 */
@Controller
class SpaForwarding {

    /** First path segments that are never console routes. */
    static final String NOT_CONSOLE = "(?!(?:api|assets|geo|locales|actuator|v3|swagger-ui|error|logout)$)[^.]+";

    @GetMapping({"/{route:" + NOT_CONSOLE + "}", "/{route:" + NOT_CONSOLE + "}/**"})
    String console() {
        return "forward:/index.html";
    }
}
