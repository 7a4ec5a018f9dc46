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
 * @param districts 6-digit division codes of its jurisdiction; a county code covers its
 *     townships (9 digits), a city code ({@code 211300}) the whole city
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
     * Whether the division (a 6-digit district or county, or a 9-digit township, 乡镇/街道) lies in
     * this agency's jurisdiction: a listed division holds it, as a county holds its townships and
     * a city code ({@code 211300}) the whole city. See {@link #closeness}.
     */
    public boolean covers(String districtCode) {
        return closeness(districtCode) >= 0;
    }

    /**
     * How closely this agency's jurisdiction fits the division: the number of significant digits
     * of the most specific listed division that holds it (6 for its own county or district, 4 for
     * the whole city), or -1 if none does. The agency that fits most closely is the one to task: a
     * township of 211302 goes to the sub-bureau of 211302, not to a city-wide unit.
     */
    public int closeness(String districtCode) {
        String place = significant(districtCode);
        int best = -1;
        for (String district : districts) {
            String listed = significant(district);
            boolean holds = !listed.isEmpty()
                    && (place.equals(listed) || (isDivision(place) && isDivision(listed) && place.startsWith(listed)));
            if (holds && listed.length() > best) {
                best = listed.length();
            }
        }
        return best;
    }

    /**
     * The digits of a division code that name the division, without the zeros that pad it to a
     * longer form: {@code 211300} (the city) is {@code 2113}, {@code 211302} stays, and the NBS
     * list's {@code 211302001000} (a township) is {@code 211302001}. Prefixes of these follow the
     * hierarchy: province 2 digits, city 4, county 6, township 9, village 12.
     */
    static String significant(String code) {
        String digits = code.strip();
        if (digits.length() == 12 && digits.endsWith("000")) {
            digits = digits.substring(0, 9);
        }
        if (digits.length() == 9 && digits.endsWith("000")) {
            digits = digits.substring(0, 6);
        }
        if (digits.length() == 6 && digits.endsWith("00")) {
            digits = digits.substring(0, 4);
        }
        if (digits.length() == 4 && digits.endsWith("00")) {
            digits = digits.substring(0, 2);
        }
        return digits;
    }

    /** Digits of one of the division levels' lengths: 2, 4, 6, 9 or 12. */
    private static boolean isDivision(String code) {
        int length = code.length();
        return (length == 2 || length == 4 || length == 6 || length == 9 || length == 12)
                && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The name in the given language: English for English, Chinese otherwise. */
    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }
}
