package io.liandong.catalog;

/**
 * A category the classifier suggests for a text.
 *
 * @param category the category code
 * @param confidence how sure the classifier is, from 0 (a guess) to 1 (certain)
 */
public record Suggestion(String category, double confidence) {

    public Suggestion {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException(
                    "confidence must be between 0 and 1, was " + confidence + " for " + category);
        }
    }
}
