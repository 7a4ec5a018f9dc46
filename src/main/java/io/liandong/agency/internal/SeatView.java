package io.liandong.agency.internal;

import io.liandong.agency.Seat;
import org.jspecify.annotations.Nullable;

/** A seat as the API shows it. */
record SeatView(String code, String zone, String label, String role, @Nullable String agency, int version) {

    static SeatView of(Versioned<Seat> row) {
        Seat seat = row.value();
        return new SeatView(
                seat.code(), seat.zoneCode(), seat.label(), seat.role().name(), seat.agencyCode(), row.version());
    }
}
