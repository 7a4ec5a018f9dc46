package io.liandong.catalog;

import java.util.List;
import java.util.Optional;

/** What the classifier makes of a text: at most five suggestions, best first; none when nothing matched. */
public record Classification(List<Suggestion> suggestions) {

    /** No suggestion at all. */
    public static final Classification NONE = new Classification(List.of());

    public Classification {
        suggestions = List.copyOf(suggestions);
    }

    /** The best suggestion, if there is one. */
    public Optional<Suggestion> best() {
        return suggestions.isEmpty() ? Optional.empty() : Optional.of(suggestions.get(0));
    }
}
