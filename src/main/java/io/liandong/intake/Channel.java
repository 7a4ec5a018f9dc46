package io.liandong.intake;

import java.util.Locale;
import java.util.Optional;

/** 受理渠道: where a report came from. */
public enum Channel {
    C110("110"),
    C119("119"),
    C120("120"),
    C12345("12345"),
    C12350("12350"),
    WEB("WEB"),
    APP("APP"),
    VIDEO("VIDEO"),
    API("API");

    private final String code;

    Channel(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Parses "110", "web", "WEB" …; empty for anything else. */
    public static Optional<Channel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toUpperCase(Locale.ROOT);
        for (Channel c : values()) {
            if (c.code.equals(wanted)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
