package io.liandong.shared.web;

/** The {@code limit} query parameter of a list endpoint: 1 to the endpoint's maximum, refused outside it. */
public final class PageLimit {

    private PageLimit() {}

    /** The limit itself, or a 400 problem that names the allowed range and the value sent. */
    public static int check(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw Problem.invalid("limit", "must be between 1 and " + max, limit);
        }
        return limit;
    }
}
