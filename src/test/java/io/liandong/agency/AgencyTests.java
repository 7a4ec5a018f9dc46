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
    void isNamedInTheAskedLanguageChineseFirst() {
        Agency gas = member("GAS-CO", Residency.PERMANENT);

        assertThat(gas.name(Locale.ENGLISH)).isEqualTo("Name of GAS-CO");
        assertThat(gas.name(Locale.SIMPLIFIED_CHINESE)).isEqualTo("GAS-CO 的名称");
        assertThat(gas.name(Locale.ROOT)).isEqualTo("GAS-CO 的名称");
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
