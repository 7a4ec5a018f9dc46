package io.liandong.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextTests {

    @ParameterizedTest
    @CsvSource({
        "fires, fire",
        "fire, fire",
        "trapped, trap",
        "trap, trap",
        "smoking, smok",
        "smoke, smok",
        "buildings, build",
        "parties, party",
        "flooded, flood",
        "missing, miss",
        "wages, wage",
        "gas, gas"
    })
    void bringsWordFormsToOneStem(String word, String stem) {
        assertThat(Text.stem(word)).isEqualTo(stem);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Loud MUSIC, party!  | loud music party",
                "电梯 困人           | 电梯困人",
                "ＡＢＣ１２０         | abc120",
                "打120急救           | 打120急救"
            })
    void foldsCaseWidthAndSeparators(String text, String folded) {
        assertThat(Text.fold(text)).isEqualTo(folded);
    }
}
