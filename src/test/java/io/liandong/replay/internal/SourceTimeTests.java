package io.liandong.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class SourceTimeTests {

    private final SourceTime sanFrancisco = SourceTime.of("MM/dd/yyyy hh:mm:ss a", "America/Los_Angeles");
    private final SourceTime newYork = SourceTime.of("ISO_LOCAL_DATE_TIME", "America/New_York");

    @Test
    void readsSanFranciscoTwelveHourTimesInPacificTime() {
        assertThat(sanFrancisco.parse("12/31/2016 11:57:56 PM")).isEqualTo(Instant.parse("2017-01-01T07:57:56Z"));
        assertThat(sanFrancisco.parse("01/01/2017 12:01:47 AM")).isEqualTo(Instant.parse("2017-01-01T08:01:47Z"));
        assertThat(sanFrancisco.parse("01/01/2017 12:01:47 pm")).isEqualTo(Instant.parse("2017-01-01T20:01:47Z"));
    }

    @Test
    void appliesSummerTimeWhenItIsInForce() {
        assertThat(sanFrancisco.parse("07/04/2017 09:00:00 AM")).isEqualTo(Instant.parse("2017-07-04T16:00:00Z"));
    }

    @Test
    void readsNewYorkIsoLocalTimesWithMilliseconds() {
        assertThat(newYork.parse("2024-05-27T02:08:51.000")).isEqualTo(Instant.parse("2024-05-27T06:08:51Z"));
        assertThat(newYork.parse("2024-05-27T02:08:51")).isEqualTo(Instant.parse("2024-05-27T06:08:51Z"));
    }

    @Test
    void takesTheEarlierOffsetInAnAutumnOverlapAndMovesForwardInASpringGap() {
        assertThat(newYork.parse("2024-11-03T01:30:00")).isEqualTo(Instant.parse("2024-11-03T05:30:00Z"));
        assertThat(newYork.parse("2024-03-10T02:30:00")).isEqualTo(Instant.parse("2024-03-10T07:30:00Z"));
    }

    @Test
    void readsTimesThatCarryTheirOwnOffsetWithoutAZone() {
        assertThat(SourceTime.of("ISO_OFFSET_DATE_TIME", null).parse("2024-05-27T02:08:51-04:00"))
                .isEqualTo(Instant.parse("2024-05-27T06:08:51Z"));
        assertThat(SourceTime.of("ISO_INSTANT", null).parse("2024-05-27T06:08:51Z"))
                .isEqualTo(Instant.parse("2024-05-27T06:08:51Z"));
        assertThat(SourceTime.of("yyyy-MM-dd HH:mm:ssXXX", null).parse("2024-05-27 02:08:51+08:00"))
                .isEqualTo(Instant.parse("2024-05-26T18:08:51Z"));
    }

    @Test
    void readsEpochSecondsAndMilliseconds() {
        assertThat(SourceTime.of("EPOCH_SECONDS", null).parse("1716790131"))
                .isEqualTo(Instant.ofEpochSecond(1716790131));
        assertThat(SourceTime.of("EPOCH_MILLIS", null).parse("1716790131000"))
                .isEqualTo(Instant.ofEpochSecond(1716790131));
    }

    @Test
    void refusesTextThatDoesNotFit() {
        assertThatThrownBy(() -> sanFrancisco.parse("2016-12-31 23:57")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> SourceTime.of("EPOCH_SECONDS", null).parse("soon"))
                .isInstanceOf(DateTimeParseException.class)
                .hasMessageContaining("'soon' is not a whole number of EPOCH_SECONDS");
    }

    @Test
    void needsAZoneForLocalTimesAndNamesBadOnes() {
        assertThatThrownBy(() -> SourceTime.of("MM/dd/yyyy HH:mm", null))
                .hasMessage("time format 'MM/dd/yyyy HH:mm' has no offset, so it needs a zone");
        assertThatThrownBy(() -> SourceTime.of("ISO_LOCAL_DATE_TIME", "America/Gotham"))
                .hasMessage("unknown time zone 'America/Gotham'");
        assertThatThrownBy(() -> SourceTime.of("MM/dd/yyyy ppp", "UTC"))
                .hasMessageStartingWith("bad time pattern 'MM/dd/yyyy ppp'");
    }

    @Test
    void showsAnInstantTheWayTheLogWritesIt() {
        assertThat(sanFrancisco.show(Instant.parse("2017-01-01T07:57:56Z"))).isEqualTo("12/31/2016 11:57:56 PM");
    }
}
