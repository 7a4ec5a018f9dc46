package io.liandong.shared.web;

import java.net.URI;

/** Stable problem type URIs: {@code urn:liandong:problem:<slug>}; never a class name or internal URL. */
public final class ProblemTypes {

    private ProblemTypes() {}

    public static URI of(String slug) {
        return URI.create("urn:liandong:problem:" + slug);
    }
}
