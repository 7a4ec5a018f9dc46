package io.liandong.agency.internal;

import io.liandong.agency.Agency;
import io.liandong.agency.SeasonWindow;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An agency as the API shows it, with whether it sits in the hall today and its version. */
record AgencyView(
        String code,
        String nameZh,
        String nameEn,
        String kind,
        String residency,
        List<String> seasons,
        List<String> districts,
        boolean member,
        @Nullable String chiefRep,
        boolean active,
        boolean residentToday,
        int version) {

    static AgencyView of(Versioned<Agency> row, LocalDate today) {
        Agency agency = row.value();
        return new AgencyView(
                agency.code(),
                agency.nameZh(),
                agency.nameEn(),
                agency.kind().name(),
                agency.residency().name(),
                agency.seasons().stream().map(SeasonWindow::toString).toList(),
                agency.districts(),
                agency.member(),
                agency.chiefRep(),
                agency.active(),
                agency.residentOn(today),
                row.version());
    }
}
