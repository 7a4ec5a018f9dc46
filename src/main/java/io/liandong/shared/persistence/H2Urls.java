package io.liandong.shared.persistence;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What an H2 JDBC URL says about where its database lives. */
public final class H2Urls {

    private static final String PREFIX = "jdbc:h2:";

    private H2Urls() {}

    /** An H2 database in this process's files (not in memory, not a server reached over TCP or SSL). */
    public static boolean embeddedFile(String url) {
        if (!url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        String rest = url.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
        return !(rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:"));
    }

    /**
     * The folder of an embedded file database ({@code jdbc:h2:file:/a/b/db;…} or {@code jdbc:h2:/a/b/db}
     * → /a/b); empty for other URLs and for file-system prefixes the center never uses (zip:, split:,
     * nio: and the like).
     */
    public static Optional<Path> folder(String url) {
        if (!embeddedFile(url)) {
            return Optional.empty();
        }
        String rest = url.substring(PREFIX.length());
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (lower.matches("^[a-z]{2,}:.*")) {
            return Optional.empty();
        }
        int options = rest.indexOf(';');
        String file = options < 0 ? rest : rest.substring(0, options);
        if (file.startsWith("~")) {
            file = System.getProperty("user.home") + file.substring(1);
        }
        return Optional.ofNullable(Path.of(file).toAbsolutePath().getParent());
    }
}
