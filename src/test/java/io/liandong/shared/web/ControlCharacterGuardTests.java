package io.liandong.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharacterGuardTests {

    @Test // DEL and C1 were let through while C0 was refused
    void refusesC0OtherThanTabCrLfAndDelAndC1() {
        assertThat(ControlCharacterGuard.hasControlCharacter("a\u0000b")).isTrue();
        assertThat(ControlCharacterGuard.hasControlCharacter("a\u001fb")).isTrue();
        assertThat(ControlCharacterGuard.hasControlCharacter("a\u007fb")).isTrue();
        assertThat(ControlCharacterGuard.hasControlCharacter("a\u0080b")).isTrue();
        assertThat(ControlCharacterGuard.hasControlCharacter("a\u0085b")).isTrue();
        assertThat(ControlCharacterGuard.hasControlCharacter("a\u009fb")).isTrue();
    }

    @Test
    void passesTabCrLfAndEveryOrdinaryCharacterAroundTheRefusedRanges() {
        assertThat(ControlCharacterGuard.hasControlCharacter("一\t二\r\n三")).isFalse();
        assertThat(ControlCharacterGuard.hasControlCharacter("~ \u00a0 ¡ é ½ 双塔区 🚒 \u2028 \ufeff"))
                .isFalse();
    }

    @Test
    void showsEachRefusedCharacterAsAnEscape() {
        assertThat(ControlCharacterGuard.visible("王\u009b某\u007f\t")).isEqualTo("王\\u009B某\\u007F\t");
    }

    @Test // a lone surrogate was let through and stored as ? by PostgreSQL
    void refusesUnpairedSurrogatesButPassesPairs() {
        assertThat(ControlCharacterGuard.hasLoneSurrogate("\ud800 火灾")).isTrue();
        assertThat(ControlCharacterGuard.hasLoneSurrogate("火灾\udc00")).isTrue();
        assertThat(ControlCharacterGuard.hasLoneSurrogate("\ude00\ud83d")).isTrue();
        assertThat(ControlCharacterGuard.hasLoneSurrogate("\ud83d\ud83d\ude00")).isTrue();
        assertThat(ControlCharacterGuard.hasLoneSurrogate("😀 \ud83d\ude00 🚒 火灾"))
                .isFalse();
        assertThat(ControlCharacterGuard.visible("a\ud800b😀\udc00")).isEqualTo("a\\uD800b😀\\uDC00");
    }
}
