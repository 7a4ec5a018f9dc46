package io.liandong.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AgencyTests {

    private static final LocalDate SUMMER = LocalDate.of(2026, 7, 15);
    private static final LocalDate WINTER = LocalDate.of(2026, 1, 15);

    @Test
    void aPermanentMemberSitsInTheHallEveryDay() {
        Agency gas = member("GAS-CO", Residency.PERMANENT);

        assertThat(gas.residentOn(SUMMER)).isTrue();
        assertThat(gas.residentOn(WINTER)).isTrue();
    }

    @Test
    void aSeasonalMemberSitsInTheHallOnlyInItsSeasons() {
        Agency heating = new Agency(
                "HEATING-CO",
                "热力公司",
                "Heating company",
                AgencyKind.UTILITY,
                Residency.SEASONAL,
                List.of(SeasonWindow.parse("11-01/03-31")),
                List.of("211300"),
                true,
                null,
                true);

        assertThat(heating.residentOn(WINTER)).isTrue();
        assertThat(heating.residentOn(SUMMER)).isFalse();
    }

    @Test
    void anOnCallMemberAnInactiveOneAndADispatchedUnitAreNotResident() {
        Agency earthquake = member("EARTHQUAKE", Residency.ON_CALL);
        Agency inactive = new Agency(
                "OLD-CO",
                "旧",
                "Old",
                AgencyKind.UTILITY,
                Residency.PERMANENT,
                List.of(),
                List.of("211300"),
                true,
                null,
                false);
        Agency police = new Agency(
                "POLICE-BEIPIAO",
                "北票市公安局",
                "Beipiao police",
                AgencyKind.POLICE,
                Residency.PERMANENT,
                List.of(),
                List.of("211381"),
                false,
                null,
                true);

        assertThat(earthquake.residentOn(SUMMER)).isFalse();
        assertThat(inactive.residentOn(SUMMER)).isFalse();
        assertThat(police.residentOn(SUMMER)).isFalse();
    }

    @Test
    void coversItsOwnDistrictsOrTheWholeCity() {
        Agency beipiao = new Agency(
                "POLICE-BEIPIAO",
                "北票市公安局",
                "Beipiao police",
                AgencyKind.POLICE,
                Residency.PERMANENT,
                List.of(),
                List.of("211381"),
                false,
                null,
                true);
        Agency cityWide = member("GAS-CO", Residency.PERMANENT);

        assertThat(beipiao.covers("211381")).isTrue();
        assertThat(beipiao.covers("211302")).isFalse();
        assertThat(cityWide.covers("211302")).isTrue();
        assertThat(cityWide.covers("210102")).isFalse();
    }

    @Test
    void aCountyCoversItsTownshipsAndTheCountyFitsMoreCloselyThanTheCity() {
        // Regression: a 9-digit township code was matched against the county's 6-digit code
        // exactly, so only city-wide agencies (the traffic police) covered it.
        Agency shuangta = police("POLICE-SHUANGTA", "211302");
        Agency traffic = police("TRAFFIC-POLICE", "211300");

        assertThat(shuangta.covers("211302001")).isTrue();
        assertThat(shuangta.covers("211302001000"))
                .as("the NBS list's 12-digit form")
                .isTrue();
        assertThat(shuangta.covers("211303001")).isFalse();
        assertThat(shuangta.covers("2113020")).as("not a division of 211302").isFalse();
        assertThat(shuangta.covers("211300"))
                .as("the county does not hold the city")
                .isFalse();
        assertThat(traffic.covers("211302001")).isTrue();
        assertThat(traffic.covers("211381101")).isTrue();
        assertThat(traffic.covers("210102001")).isFalse();

        assertThat(shuangta.closeness("211302001")).isEqualTo(6);
        assertThat(shuangta.closeness("211302")).isEqualTo(6);
        assertThat(traffic.closeness("211302001")).isEqualTo(4);
        assertThat(traffic.closeness("211302")).isEqualTo(4);
        assertThat(shuangta.closeness("211381001")).isEqualTo(-1);
        assertThat(police("BOTH", "211300", "211302").closeness("211302001"))
                .as("the most specific listed division counts")
                .isEqualTo(6);
        assertThat(police("ODD", "").covers("211302"))
                .as("a blank entry covers nothing")
                .isFalse();
    }

    @Test
    void findsTheSignificantDigitsOfADivisionCode() {
        assertThat(Agency.significant("211300")).isEqualTo("2113");
        assertThat(Agency.significant("210000")).isEqualTo("21");
        assertThat(Agency.significant("211302")).isEqualTo("211302");
        assertThat(Agency.significant("211302001")).isEqualTo("211302001");
        assertThat(Agency.significant("211302001000")).isEqualTo("211302001");
        assertThat(Agency.significant("211302000000")).isEqualTo("211302");
        assertThat(Agency.significant("211302001201")).isEqualTo("211302001201");
    }

    @Test
    void isNamedInTheAskedLanguageChineseFirst() {
        Agency gas = member("GAS-CO", Residency.PERMANENT);

        assertThat(gas.name(Locale.ENGLISH)).isEqualTo("Name of GAS-CO");
        assertThat(gas.name(Locale.SIMPLIFIED_CHINESE)).isEqualTo("GAS-CO 的名称");
        assertThat(gas.name(Locale.ROOT)).isEqualTo("GAS-CO 的名称");
    }

    private static Agency police(String code, String... districts) {
        return new Agency(
                code,
                code + " 的名称",
                "Name of " + code,
                AgencyKind.POLICE,
                Residency.PERMANENT,
                List.of(),
                List.of(districts),
                false,
                null,
                true);
    }

    private static Agency member(String code, Residency residency) {
        return new Agency(
                code,
                code + " 的名称",
                "Name of " + code,
                AgencyKind.UTILITY,
                residency,
                List.of(),
                List.of("211300"),
                true,
                "首席代表",
                true);
    }
}
