package io.liandong.catalog.internal;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the classifier sees text: full-width forms folded to ASCII, Latin letters in lower case
 * and cut to a crude stem (so "fires" and "fire", "trapped" and "trap" meet), Chinese characters
 * kept, everything else dropped; Latin words stay apart by one space. Keywords and the caller's
 * words go through the same folding, so they meet whatever the folding gets wrong.
 */
final class Text {

    /** Words too common in calls to point to any category. */
    private static final Set<String> STOP_WORDS = Set.of(
            "the", "and", "for", "with", "from", "there", "this", "that", "has", "have", "been", "are", "was", "were",
            "not", "someone", "some", "out", "off", "our", "his", "her", "him", "she", "they", "them", "what", "who",
            "please", "help", "can", "could", "will", "would", "next", "get", "got", "very", "just", "into", "onto",
            "about", "need", "now", "you", "your", "its", "all", "one", "two", "hour", "minut", "since", "still",
            "back", "front", "near");

    private static final Set<String> STOP_STEMS =
            STOP_WORDS.stream().map(Text::stem).collect(Collectors.toUnmodifiableSet());

    private Text() {}

    /** Whether a folded word is too common to count (or too short: under three letters). */
    static boolean isStopWord(String folded) {
        return folded.length() < 3 || STOP_STEMS.contains(folded);
    }

    static boolean isHan(char c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
    }

    static boolean isLatin(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** The folded form of a text; see the class comment. */
    static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int i = 0;
        boolean pendingSpace = false;
        while (i < n) {
            char c = foldChar(text.charAt(i));
            if (isLatin(c)) {
                int start = i;
                StringBuilder word = new StringBuilder();
                while (i < n && isLatin(foldChar(text.charAt(i)))) {
                    word.append(foldChar(text.charAt(i)));
                    i++;
                }
                if (pendingSpace && start > 0 && out.length() > 0 && isLatin(out.charAt(out.length() - 1))) {
                    out.append(' ');
                }
                out.append(stem(word.toString()));
                pendingSpace = false;
                continue;
            }
            if (isHan(c)) {
                out.append(c);
                pendingSpace = false;
            } else {
                pendingSpace = true;
            }
            i++;
        }
        return out.toString();
    }

    /** A crude English stem: plural, then -ing or -ed, then a final e. */
    static String stem(String word) {
        if (word.length() <= 3 || !Character.isLetter(word.charAt(word.length() - 1))) {
            return word;
        }
        String stem = word;
        if (stem.endsWith("ies") && stem.length() > 4) {
            stem = stem.substring(0, stem.length() - 3) + "y";
        } else if (stem.endsWith("es") && stem.length() > 4 && "sxzh".indexOf(stem.charAt(stem.length() - 3)) >= 0) {
            stem = stem.substring(0, stem.length() - 2);
        } else if (stem.endsWith("s") && !stem.endsWith("ss") && !stem.endsWith("us") && !stem.endsWith("is")) {
            stem = stem.substring(0, stem.length() - 1);
        }
        if (stem.endsWith("ing") && stem.length() > 5) {
            stem = undouble(stem.substring(0, stem.length() - 3));
        } else if (stem.endsWith("ed") && stem.length() > 4) {
            stem = undouble(stem.substring(0, stem.length() - 2));
        }
        if (stem.endsWith("e") && stem.length() > 4) {
            stem = stem.substring(0, stem.length() - 1);
        }
        return stem;
    }

    private static String undouble(String stem) {
        int n = stem.length();
        if (n > 2 && stem.charAt(n - 1) == stem.charAt(n - 2) && "lsz".indexOf(stem.charAt(n - 1)) < 0) {
            return stem.substring(0, n - 1);
        }
        return stem;
    }

    private static char foldChar(char c) {
        if (c >= 0xFF01 && c <= 0xFF5E) {
            c = (char) (c - 0xFEE0);
        }
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + ('a' - 'A'));
        }
        return c;
    }
}
