package io.liandong.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeasonWindowTests {

    @ParameterizedTest
    @CsvSource({
        "2026-11-01, true",
        "2026-12-31, true",
        "2027-01-01, true",
        "2027-03-31, true",
        "2027-04-01, false",
        "2026-10-31, false",
        "2026-07-15, false"
    })
    void theHeatingSeasonRunsOverTheNewYear(LocalDate day, boolean inSeason) {
        assertThat(SeasonWindow.parse("11-01/03-31").contains(day)).isEqualTo(inSeason);
    }

    @ParameterizedTest
    @CsvSource({"2026-06-01, true", "2026-09-30, true", "2026-05-31, false", "2026-10-01, false"})
    void theFloodSeasonIncludesBothEnds(LocalDate day, boolean inSeason) {
        assertThat(SeasonWindow.parse("06-01/09-30").contains(day)).isEqualTo(inSeason);
    }

    @Test
    void writesWhatItReads() {
        assertThat(SeasonWindow.parse(" 03-01/06-15 ")).hasToString("03-01/06-15");
    }

    @ParameterizedTest
    @ValueSource(strings = {"11-01-03-31", "13-01/03-31", "11-01/", "heating", "02-30/03-01"})
    void refusesAWindowItCannotReadNamingIt(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SeasonWindow.parse(text))
                .withMessageContaining("'" + text + "'");
    }
}
