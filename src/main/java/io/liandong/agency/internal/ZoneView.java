package io.liandong.agency.internal;

import io.liandong.agency.Zone;

/** A zone as the API shows it. */
record ZoneView(String code, String nameZh, String nameEn, String platform, int version) {

    static ZoneView of(Versioned<Zone> row) {
        Zone zone = row.value();
        return new ZoneView(zone.code(), zone.nameZh(), zone.nameEn(), zone.platform(), row.version());
    }
}
