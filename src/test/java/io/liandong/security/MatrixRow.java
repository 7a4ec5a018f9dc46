package io.liandong.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One line of the role × endpoint matrix: a request, the callers that get past security
 * ({@code allowed}), and the agency users that pass the role check but find the thing does not
 * exist for them ({@code hidden}: another agency's task, an incident without their task). Every
 * other caller is refused: 401 when nobody is logged in, 403 otherwise.
 *
 * <p>Paths may hold placeholders such as {@code {incident}}, filled in from the suite's fixtures.
 */
record MatrixRow(String method, String path, @Nullable Object body, Set<Caller> allowed, Set<Caller> hidden) {

    /** What a caller should get for this row. */
    enum Expected {
        ALLOWED,
        HIDDEN,
        UNAUTHENTICATED,
        FORBIDDEN
    }

    static MatrixRow get(String path) {
        return new MatrixRow("GET", path, null, Set.of(), Set.of());
    }

    static MatrixRow post(String path, @Nullable Object body) {
        return new MatrixRow("POST", path, body, Set.of(), Set.of());
    }

    static MatrixRow put(String path, Object body) {
        return new MatrixRow("PUT", path, body, Set.of(), Set.of());
    }

    static MatrixRow delete(String path) {
        return new MatrixRow("DELETE", path, null, Set.of(), Set.of());
    }

    MatrixRow allow(Set<Caller> callers) {
        return new MatrixRow(method, path, body, plus(allowed, callers), hidden);
    }

    MatrixRow allow(Caller... callers) {
        return allow(Set.of(callers));
    }

    MatrixRow allow(Set<Caller> callers, Caller... more) {
        return allow(callers).allow(more);
    }

    MatrixRow hide(Set<Caller> callers) {
        return new MatrixRow(method, path, body, allowed, plus(hidden, callers));
    }

    MatrixRow hide(Caller... callers) {
        return hide(Set.of(callers));
    }

    Expected expectedFor(Caller caller) {
        if (allowed.contains(caller)) {
            return Expected.ALLOWED;
        }
        if (hidden.contains(caller)) {
            return Expected.HIDDEN;
        }
        return caller == Caller.ANONYMOUS ? Expected.UNAUTHENTICATED : Expected.FORBIDDEN;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    private static Set<Caller> plus(Set<Caller> a, Set<Caller> b) {
        EnumSet<Caller> set = EnumSet.noneOf(Caller.class);
        set.addAll(a);
        set.addAll(b);
        return Collections.unmodifiableSet(set);
    }
}
