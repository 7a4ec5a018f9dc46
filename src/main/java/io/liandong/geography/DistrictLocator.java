package io.liandong.geography;

import io.liandong.geography.internal.Boundaries;
import io.liandong.shared.geo.Gcj02;
import io.liandong.shared.geo.GeoPoint;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Finds the district (6-digit division code) that holds a WGS-84 point. */
@Service
public class DistrictLocator {

    private final List<Boundaries.District> districts;

    DistrictLocator(Boundaries boundaries) {
        this.districts = boundaries.districts();
    }

    /** The district holding the point, or empty outside the city. */
    public Optional<String> locate(GeoPoint wgs84) {
        GeoPoint gcj = Gcj02.fromWgs84(wgs84);
        for (Boundaries.District district : districts) {
            if (district.contains(gcj.lon(), gcj.lat())) {
                return Optional.of(district.code());
            }
        }
        return Optional.empty();
    }

    /** The districts as code and Chinese name, in the file's order. */
    public List<String> codes() {
        return districts.stream().map(Boundaries.District::code).toList();
    }
}
