package io.liandong.geography;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.geography.internal.Boundaries;
import io.liandong.shared.geo.Gcj02;
import io.liandong.shared.geo.GeoPoint;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DistrictLocatorTests {

    private final DistrictLocator locator = new DistrictLocator(new BoundariesFixture().boundaries());

    @Test
    void findsEachDistrictFromItsOwnCentroid() throws Exception {
        JsonNode collection;
        try (InputStream in = new ClassPathResource("geo/chaoyang_211300.geojson").getInputStream()) {
            collection = JsonMapper.builder().build().readTree(in);
        }
        for (JsonNode feature : collection.get("features")) {
            JsonNode centroid = feature.get("properties").get("centroid");
            GeoPoint gcj =
                    new GeoPoint(centroid.get(1).asDouble(), centroid.get(0).asDouble());

            assertThat(locator.locate(Gcj02.toWgs84(gcj)))
                    .as(feature.get("properties").get("name").asString())
                    .contains(feature.get("properties").get("adcode").asString());
        }
    }

    @Test
    void aPointOutsideTheCityIsInNoDistrict() {
        assertThat(locator.locate(new GeoPoint(39.9042, 116.4074))).isEmpty();
    }

    @Test
    void knowsAllSevenCountyLevelUnits() {
        assertThat(locator.codes())
                .containsExactlyInAnyOrder("211302", "211303", "211321", "211322", "211324", "211381", "211382");
    }

    /** Builds the boundaries from the shipped file, as Spring does. */
    static class BoundariesFixture {
        Boundaries boundaries() {
            try {
                var constructor = Boundaries.class.getDeclaredConstructor(org.springframework.core.io.Resource.class);
                constructor.setAccessible(true);
                return constructor.newInstance(new ClassPathResource("geo/chaoyang_211300.geojson"));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
