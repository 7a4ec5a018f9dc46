package io.liandong.catalog.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;

/**
 * Finds every occurrence of many keywords in one pass over a text (Aho-Corasick). Built once
 * per version of the catalog; immutable, so any number of threads may scan at once.
 */
final class KeywordAutomaton {

    /** Receives one occurrence: which keyword, where it starts, where it ends (exclusive). */
    interface Hits {
        void hit(int keyword, int start, int end);
    }

    private static final int[] NONE = new int[0];

    private final char[][] labels;
    private final int[][] targets;
    private final int[] fail;
    private final int[][] outputs;
    private final int[] lengths;

    /** Keyword {@code i} of the list is reported as {@code i}. Keywords must not be empty. */
    KeywordAutomaton(List<String> keywords) {
        List<TreeMap<Character, Integer>> edges = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        edges.add(new TreeMap<>());
        ends.add(new ArrayList<>());
        lengths = new int[keywords.size()];
        for (int k = 0; k < keywords.size(); k++) {
            String keyword = keywords.get(k);
            if (keyword.isEmpty()) {
                throw new IllegalArgumentException("keyword " + k + " is empty");
            }
            lengths[k] = keyword.length();
            int state = 0;
            for (char c : keyword.toCharArray()) {
                Integer next = edges.get(state).get(c);
                if (next == null) {
                    next = edges.size();
                    edges.add(new TreeMap<>());
                    ends.add(new ArrayList<>());
                    edges.get(state).put(c, next);
                }
                state = next;
            }
            ends.get(state).add(k);
        }
        int states = edges.size();
        labels = new char[states][];
        targets = new int[states][];
        for (int s = 0; s < states; s++) {
            TreeMap<Character, Integer> out = edges.get(s);
            labels[s] = new char[out.size()];
            targets[s] = new int[out.size()];
            int i = 0;
            for (var edge : out.entrySet()) {
                labels[s][i] = edge.getKey();
                targets[s][i++] = edge.getValue();
            }
        }
        fail = new int[states];
        outputs = new int[states][];
        linkFailures(ends);
    }

    /** Reports every keyword occurrence in the text, in order of where it ends. */
    void scan(CharSequence text, Hits hits) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int next = step(state, c);
            while (next < 0 && state != 0) {
                state = fail[state];
                next = step(state, c);
            }
            state = Math.max(next, 0);
            for (int keyword : outputs[state]) {
                hits.hit(keyword, i + 1 - lengths[keyword], i + 1);
            }
        }
    }

    private int step(int state, char c) {
        int i = Arrays.binarySearch(labels[state], c);
        return i < 0 ? -1 : targets[state][i];
    }

    /** Breadth first: each state's failure link and the keywords ending there or along its links. */
    private void linkFailures(List<List<Integer>> ends) {
        Deque<Integer> queue = new ArrayDeque<>();
        outputs[0] = NONE;
        for (int child : targets[0]) {
            fail[child] = 0;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            int[] own = ends.get(state).stream().mapToInt(Integer::intValue).toArray();
            int[] inherited = state == 0 ? NONE : outputs[fail[state]];
            outputs[state] = concat(own, inherited);
            for (int i = 0; i < labels[state].length; i++) {
                int child = targets[state][i];
                int link = fail[state];
                int next = step(link, labels[state][i]);
                while (next < 0 && link != 0) {
                    link = fail[link];
                    next = step(link, labels[state][i]);
                }
                fail[child] = next < 0 || next == child ? 0 : next;
                queue.add(child);
            }
        }
    }

    private static int[] concat(int[] a, int[] b) {
        if (b.length == 0) {
            return a.length == 0 ? NONE : a;
        }
        int[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
