package io.liandong.catalog.internal;

import io.liandong.catalog.Category;
import io.liandong.catalog.Classification;
import io.liandong.catalog.Suggestion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Suggests categories for free text, Chinese or English. Three kinds of evidence, summed per
 * category:
 *
 * <ul>
 *   <li>keywords and names found whole in the text: the longer the phrase, the stronger; a hit
 *       inside a longer hit does not count (in 开煤气自杀 the 自杀 of another category is only part
 *       of the longer phrase);
 *   <li>pairs of adjacent Chinese characters (bigrams) shared with the category's keywords, which
 *       catch phrasings no keyword spells out;
 *   <li>English words shared with the category's keywords.
 * </ul>
 *
 * Bigrams and words are weighted by how few categories share them. The score becomes a
 * confidence that grows with the evidence and shrinks when the runner-up is close; a category
 * with bigram or word evidence only (no keyword or name in the text) gets half of it, so a
 * chance shared word stays below the confidence at which intake trusts a suggestion. Built once per
 * version of the catalog and immutable: safe for any number of threads, and a call allocates only
 * a few small arrays.
 */
public final class Classifier {

    static final Classifier EMPTY = new Classifier(List.of());

    static final int MAX_SUGGESTIONS = 5;

    /** Bigram and word evidence weigh this much of a short keyword at most. */
    private static final double BIGRAM_WEIGHT = 0.30;

    private static final double WORD_WEIGHT = 0.45;

    /** Score at which the evidence alone gives a confidence of 1 - 1/e. */
    private static final double SCALE = 1.5;

    private static final double MIN_CONFIDENCE = 0.05;

    /** A category none of whose keywords is in the text gets only this share of the confidence. */
    private static final double HINTS_ONLY = 0.5;

    private final String[] codes;
    private final KeywordAutomaton automaton;
    private final boolean[] latinStart;
    private final boolean[] latinEnd;
    private final int[] keywordLength;
    private final int[][] keywordCategories;
    private final double[] keywordWeight;
    private final IntTable bigrams;
    private final int[][] bigramCategories;
    private final double[] bigramWeight;
    private final Map<String, Integer> words;
    private final int[][] wordCategories;
    private final double[] wordWeight;

    Classifier(List<Category> categories) {
        List<Category> suggestible =
                categories.stream().filter(c -> c.parentCode() != null).toList();
        codes = suggestible.stream().map(Category::code).toArray(String[]::new);
        Map<String, Set<Integer>> phrases = new LinkedHashMap<>();
        Map<Integer, Set<Integer>> pairs = new LinkedHashMap<>();
        Map<String, Set<Integer>> latinWords = new LinkedHashMap<>();
        for (int c = 0; c < codes.length; c++) {
            for (String term : terms(suggestible.get(c))) {
                String folded = Text.fold(term);
                if (folded.isEmpty()) {
                    continue;
                }
                phrases.computeIfAbsent(folded, k -> new LinkedHashSet<>()).add(c);
                for (int pair : bigramsOf(folded)) {
                    pairs.computeIfAbsent(pair, k -> new LinkedHashSet<>()).add(c);
                }
                for (String word : folded.split("[^a-z0-9]+")) {
                    if (!Text.isStopWord(word)) {
                        latinWords
                                .computeIfAbsent(word, k -> new LinkedHashSet<>())
                                .add(c);
                    }
                }
            }
        }
        List<String> keywords = new ArrayList<>(phrases.keySet());
        automaton = new KeywordAutomaton(keywords);
        int k = keywords.size();
        latinStart = new boolean[k];
        latinEnd = new boolean[k];
        keywordLength = new int[k];
        keywordCategories = new int[k][];
        keywordWeight = new double[k];
        for (int i = 0; i < k; i++) {
            String keyword = keywords.get(i);
            latinStart[i] = Text.isLatin(keyword.charAt(0));
            latinEnd[i] = Text.isLatin(keyword.charAt(keyword.length() - 1));
            keywordLength[i] = keyword.length();
            keywordCategories[i] = toArray(phrases.get(keyword));
            keywordWeight[i] = strength(keyword) / keywordCategories[i].length;
        }
        bigrams = new IntTable(pairs.size());
        bigramCategories = new int[pairs.size()][];
        bigramWeight = new double[pairs.size()];
        int b = 0;
        for (var pair : pairs.entrySet()) {
            bigrams.put(pair.getKey(), b);
            bigramCategories[b] = toArray(pair.getValue());
            bigramWeight[b] = BIGRAM_WEIGHT * rarity(pair.getValue().size());
            b++;
        }
        words = new HashMap<>();
        wordCategories = new int[latinWords.size()][];
        wordWeight = new double[latinWords.size()];
        int w = 0;
        for (var word : latinWords.entrySet()) {
            words.put(word.getKey(), w);
            wordCategories[w] = toArray(word.getValue());
            wordWeight[w] = WORD_WEIGHT * rarity(word.getValue().size());
            w++;
        }
    }

    /** See {@link io.liandong.catalog.CatalogService#classify}. */
    public Classification classify(String text) {
        if (codes.length == 0 || text.isBlank()) {
            return Classification.NONE;
        }
        String folded = Text.fold(text);
        double[] scores = new double[codes.length];
        boolean[] phrased = scoreKeywords(folded, scores);
        scoreBigrams(folded, scores);
        scoreWords(folded, scores);
        return suggestions(scores, phrased);
    }

    /** Adds the keyword evidence; answers which categories had a keyword or name in the text. */
    private boolean[] scoreKeywords(String folded, double[] scores) {
        Hits hits = new Hits();
        automaton.scan(folded, (keyword, start, end) -> {
            if (fitsWordBounds(folded, keyword, start, end)) {
                hits.add(keyword, start, end);
            }
        });
        boolean[] counted = new boolean[keywordWeight.length];
        boolean[] phrased = new boolean[codes.length];
        for (int i = 0; i < hits.size; i++) {
            int keyword = hits.keyword[i];
            if (counted[keyword] || hits.insideLonger(i)) {
                continue;
            }
            counted[keyword] = true;
            for (int category : keywordCategories[keyword]) {
                scores[category] += keywordWeight[keyword];
                phrased[category] = true;
            }
        }
        return phrased;
    }

    private void scoreBigrams(String folded, double[] scores) {
        long[] seen = new long[(bigramWeight.length >> 6) + 1];
        for (int i = 0; i + 1 < folded.length(); i++) {
            char a = folded.charAt(i);
            char b = folded.charAt(i + 1);
            if (!Text.isHan(a) || !Text.isHan(b)) {
                continue;
            }
            int id = bigrams.get(pair(a, b));
            if (id < 0 || (seen[id >> 6] & (1L << id)) != 0) {
                continue;
            }
            seen[id >> 6] |= 1L << id;
            for (int category : bigramCategories[id]) {
                scores[category] += bigramWeight[id];
            }
        }
    }

    private void scoreWords(String folded, double[] scores) {
        int n = folded.length();
        boolean[] counted = null;
        for (int i = 0; i < n; ) {
            if (!Text.isLatin(folded.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && Text.isLatin(folded.charAt(i))) {
                i++;
            }
            Integer id = words.get(folded.substring(start, i));
            if (id == null) {
                continue;
            }
            if (counted == null) {
                counted = new boolean[wordWeight.length];
            }
            if (!counted[id]) {
                counted[id] = true;
                for (int category : wordCategories[id]) {
                    scores[category] += wordWeight[id];
                }
            }
        }
    }

    private Classification suggestions(double[] scores, boolean[] phrased) {
        int[] top = top(scores);
        if (top.length == 0) {
            return Classification.NONE;
        }
        double first = scores[top[0]];
        double second = top.length > 1 ? scores[top[1]] : 0;
        List<Suggestion> suggestions = new ArrayList<>(top.length);
        for (int category : top) {
            double score = scores[category];
            double confidence = (1 - Math.exp(-score / SCALE)) * Math.sqrt(score / (first + second));
            if (!phrased[category]) {
                confidence *= HINTS_ONLY;
            }
            confidence = Math.min(1.0, Math.round(confidence * 1000) / 1000.0);
            if (confidence >= MIN_CONFIDENCE) {
                suggestions.add(new Suggestion(codes[category], confidence));
            }
        }
        return new Classification(suggestions);
    }

    /** Indexes of the best scores above zero, best first, at most {@link #MAX_SUGGESTIONS}; ties by code order. */
    private static int[] top(double[] scores) {
        int[] best = new int[MAX_SUGGESTIONS];
        int size = 0;
        for (int c = 0; c < scores.length; c++) {
            if (scores[c] <= 0 || (size == MAX_SUGGESTIONS && scores[best[size - 1]] >= scores[c])) {
                continue;
            }
            int at = size < MAX_SUGGESTIONS ? size++ : MAX_SUGGESTIONS - 1;
            while (at > 0 && scores[best[at - 1]] < scores[c]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = c;
        }
        return Arrays.copyOf(best, size);
    }

    /** A Latin keyword counts only as whole words: "fire" is not in "firework". */
    private boolean fitsWordBounds(String folded, int keyword, int start, int end) {
        if (latinStart[keyword] && start > 0 && Text.isLatin(folded.charAt(start - 1))) {
            return false;
        }
        return !latinEnd[keyword] || end >= folded.length() || !Text.isLatin(folded.charAt(end));
    }

    /**
     * How telling a phrase is by its length: a two-character Chinese word or one English word
     * counts 1; each further character (or half English word) adds a third, up to 3.
     */
    private static double strength(String folded) {
        double units = 0;
        for (String part : folded.split(" ")) {
            int han = 0;
            int latin = 0;
            for (int i = 0; i < part.length(); i++) {
                if (Text.isHan(part.charAt(i))) {
                    han++;
                } else {
                    latin++;
                }
            }
            units += han + (latin > 0 ? 2 : 0);
        }
        return Math.min(3.0, 1 + Math.max(0, units - 2) / 3);
    }

    /** 1 for evidence only one category has, less the more categories share it. */
    private double rarity(int categories) {
        return Math.log(1 + (double) codes.length / categories) / Math.log(1 + codes.length);
    }

    private static List<String> terms(Category category) {
        List<String> terms = new ArrayList<>(category.keywords());
        terms.add(category.nameZh());
        terms.add(category.nameEn());
        return terms;
    }

    private static List<Integer> bigramsOf(String folded) {
        List<Integer> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < folded.length(); i++) {
            if (Text.isHan(folded.charAt(i)) && Text.isHan(folded.charAt(i + 1))) {
                pairs.add(pair(folded.charAt(i), folded.charAt(i + 1)));
            }
        }
        return pairs;
    }

    private static int pair(char a, char b) {
        return (a << 16) | b;
    }

    private static int[] toArray(Set<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The keyword hits of one text, in the order the automaton found them. */
    private static final class Hits {
        int[] keyword = new int[16];
        int[] start = new int[16];
        int[] end = new int[16];
        int size;

        void add(int keyword, int start, int end) {
            if (size == this.keyword.length) {
                this.keyword = Arrays.copyOf(this.keyword, size * 2);
                this.start = Arrays.copyOf(this.start, size * 2);
                this.end = Arrays.copyOf(this.end, size * 2);
            }
            this.keyword[size] = keyword;
            this.start[size] = start;
            this.end[size] = end;
            size++;
        }

        boolean insideLonger(int i) {
            for (int j = 0; j < size; j++) {
                if (j != i && start[j] <= start[i] && end[j] >= end[i] && end[j] - start[j] > end[i] - start[i]) {
                    return true;
                }
            }
            return false;
        }
    }
}
