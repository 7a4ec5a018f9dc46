package io.liandong.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordAutomatonTests {

    @Test
    void findsOverlappingAndNestedKeywordsWithTheirPositions() {
        KeywordAutomaton automaton = new KeywordAutomaton(List.of("煤气", "开煤气", "煤气自杀", "自杀", "he", "she", "hers"));
        List<String> hits = new ArrayList<>();

        automaton.scan("他开煤气自杀 ushers", (keyword, start, end) -> hits.add(keyword + "@" + start + "-" + end));

        assertThat(hits).containsExactlyInAnyOrder("1@1-4", "0@2-4", "2@2-6", "3@4-6", "5@8-11", "4@9-11", "6@9-13");
    }

    @Test
    void findsNothingInTextWithoutKeywords() {
        KeywordAutomaton automaton = new KeywordAutomaton(List.of("电梯困人"));
        List<Integer> hits = new ArrayList<>();

        automaton.scan("电梯正常运行，没有人困住", (keyword, start, end) -> hits.add(keyword));

        assertThat(hits).isEmpty();
    }
}
