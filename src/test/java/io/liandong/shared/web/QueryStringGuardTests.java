package io.liandong.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStringGuardTests {

    @Test
    void acceptsWellFormedQueries() {
        assertThat(QueryStringGuard.problem("q=%E7%87%83%E6%B0%94&limit=20")).isNull();
        assertThat(QueryStringGuard.problem("q=a+b&p=100%25&empty=&flag&&x")).isNull();
        assertThat(QueryStringGuard.problem("q=%F0%9F%98%80&t=%09%0A")).isNull();
        assertThat(QueryStringGuard.problem("")).isNull();
    }

    @Test
    void refusesWhatDoesNotDecode() {
        assertThat(QueryStringGuard.problem("q=%")).contains("two hex digits");
        assertThat(QueryStringGuard.problem("q=%G1")).contains("two hex digits");
        assertThat(QueryStringGuard.problem("q=%F")).contains("two hex digits");
        assertThat(QueryStringGuard.problem("q=%FF")).contains("not valid percent-encoded UTF-8");
        assertThat(QueryStringGuard.problem("q=%E6%9C")).contains("not valid");
        assertThat(QueryStringGuard.problem("q=%ED%A0%80")).contains("not valid");
    }

    @Test
    void refusesControlCharacters() {
        assertThat(QueryStringGuard.problem("q=%00")).contains("U+0000");
        assertThat(QueryStringGuard.problem("q=a%1Fb")).contains("U+001F");
        assertThat(QueryStringGuard.problem("q=%7F")).contains("U+007F");
        assertThat(QueryStringGuard.problem("q=%C2%85")).contains("U+0085");
    }

    @Test // a surrogate cannot be smuggled in as UTF-8: its three-byte form is not UTF-8, and %uD800 is no escape
    void refusesEncodedSurrogatesAndTakesEncodedPairsAsOneCharacter() {
        assertThat(QueryStringGuard.problem("q=%ED%A0%80")).contains("not valid percent-encoded UTF-8");
        assertThat(QueryStringGuard.problem("q=%ED%B0%80%E7%81%AB")).contains("not valid percent-encoded UTF-8");
        assertThat(QueryStringGuard.problem("q=%ED%A0%BD%ED%B8%80")).contains("not valid percent-encoded UTF-8");
        assertThat(QueryStringGuard.problem("q=%uD800")).contains("two hex digits");
        assertThat(QueryStringGuard.problem("q=%F0%9F%98%80%E7%81%AB")).isNull();
    }

    @Test // the framework would take the first and drop the second silently
    void refusesAParameterGivenTwice() {
        assertThat(QueryStringGuard.problem(
                        "from=2017-01-01T00:00:00Z&to=2017-01-02T00:00:00Z&to=2017-01-03T00:00:00Z"))
                .isEqualTo("the query parameter 'to' is given more than once; give each parameter once");
        assertThat(QueryStringGuard.problem("flag&flag=1")).contains("'flag'");
        assertThat(QueryStringGuard.problem("%E7%81%AB=1&%E7%81%AB=2")).contains("'火'");
        assertThat(QueryStringGuard.problem("a=1&b=1&c=1")).isNull();
    }
}
