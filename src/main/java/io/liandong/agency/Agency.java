package io.liandong.agency;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * 联动单位: a unit that carries out tasks. Members sit in the hall (resident as their
 * {@link Residency} says, through a chief representative); the others (police sub-bureaus, the
 * fire brigade, the 120 centre, some utilities) are dispatched from it.
 *
 * @param code stable code, for example {@code GAS-CO} or {@code POLICE-SHUANGTA}
 * @param seasons the windows of a {@link Residency#SEASONAL} agency; empty otherwise
 * @param districts 6-digit division codes of its jurisdiction; a city code ({@code 211300})
 *     covers the whole city
 * @param member whether it is one of the member agencies resident in the hall
 * @param chiefRep the title of its chief representative (首席代表), never a person's name
 * @param active false once deactivated; agencies are never deleted
 */
public record Agency(
        String code,
        String nameZh,
        String nameEn,
        AgencyKind kind,
        Residency residency,
        List<SeasonWindow> seasons,
        List<String> districts,
        boolean member,
        @Nullable String chiefRep,
        boolean active) {

    public Agency {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(residency, "residency");
        seasons = List.copyOf(seasons);
        districts = List.copyOf(districts);
    }

    /**
     * Whether a representative of this agency sits in the hall on that day: an active member
     * that is permanent, or seasonal with the day in one of its windows. On-call members come in
     * only when called, and agencies that are not members are dispatched, never resident.
     */
    public boolean residentOn(LocalDate date) {
        if (!active || !member) {
            return false;
        }
        return switch (residency) {
            case PERMANENT -> true;
            case ON_CALL -> false;
            case SEASONAL -> seasons.stream().anyMatch(window -> window.contains(date));
        };
    }

    /**
     * Whether the district (a 6-digit division code) lies in this agency's jurisdiction: it is
     * listed, or the city containing it is listed.
     */
    public boolean covers(String districtCode) {
        for (String district : districts) {
            if (district.equals(districtCode)
                    || (district.endsWith("00") && districtCode.startsWith(district.substring(0, 4)))) {
                return true;
            }
        }
        return false;
    }

    /** The name in the given language: English for English, Chinese otherwise. */
    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }
}
