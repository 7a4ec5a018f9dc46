package io.liandong.identity.internal;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Content-Security-Policy of the console: only its own scripts, styles inline for Element
 * Plus, images from itself, data and blob URLs and, when configured, one map tile server.
 */
final class ContentSecurityPolicy {

    private static final Pattern ORIGIN = Pattern.compile("https?://(\\*\\.)?[A-Za-z0-9.-]+(:\\d{1,5})?");

    private ContentSecurityPolicy() {}

    /**
     * @param tileOrigin {@code liandong.map.tile-origin}, such as {@code https://*.tile.example.org}, or blank
     */
    static String withTileOrigin(@Nullable String tileOrigin) {
        String tiles = "";
        if (tileOrigin != null && !tileOrigin.isBlank()) {
            String origin = tileOrigin.strip();
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("liandong.map.tile-origin must be an origin such as"
                        + " https://tiles.example.org or https://*.tile.example.org:8443, was '" + origin + "'");
            }
            tiles = " " + origin;
        }
        return String.join(
                "; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data: blob:" + tiles,
                "font-src 'self' data:",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }
}
