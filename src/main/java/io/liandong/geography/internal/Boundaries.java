package io.liandong.geography.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The city's district boundaries (GCJ-02 polygons), read once from the shipped GeoJSON. */
@Component
public class Boundaries {

    private final List<District> districts;

    Boundaries(@Value("${liandong.geo.districts:classpath:geo/chaoyang_211300.geojson}") Resource file) {
        try (InputStream in = file.getInputStream()) {
            this.districts = parse(JsonMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read district boundaries from " + file, e);
        }
    }

    public List<District> districts() {
        return districts;
    }

    /** One district: its code, name and polygons (each a list of rings: outer first, then holes). */
    public record District(String code, String name, List<List<double[][]>> polygons) {

        /** Even-odd test over every ring of every polygon. */
        public boolean contains(double x, double y) {
            for (List<double[][]> polygon : polygons) {
                if (inside(polygon.get(0), x, y)) {
                    boolean inHole = false;
                    for (int i = 1; i < polygon.size(); i++) {
                        inHole |= inside(polygon.get(i), x, y);
                    }
                    if (!inHole) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean inside(double[][] ring, double x, double y) {
            boolean in = false;
            for (int i = 0, j = ring.length - 1; i < ring.length; j = i++) {
                double xi = ring[i][0];
                double yi = ring[i][1];
                double xj = ring[j][0];
                double yj = ring[j][1];
                if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                    in = !in;
                }
            }
            return in;
        }
    }

    static List<District> parse(JsonNode collection) {
        List<District> result = new ArrayList<>();
        for (JsonNode feature : collection.get("features")) {
            JsonNode props = feature.get("properties");
            JsonNode geometry = feature.get("geometry");
            List<List<double[][]>> polygons = new ArrayList<>();
            JsonNode coordinates = geometry.get("coordinates");
            if ("Polygon".equals(geometry.get("type").asString())) {
                polygons.add(rings(coordinates));
            } else {
                for (JsonNode polygon : coordinates) {
                    polygons.add(rings(polygon));
                }
            }
            result.add(new District(
                    props.get("adcode").asString(), props.get("name").asString(), polygons));
        }
        return List.copyOf(result);
    }

    private static List<double[][]> rings(JsonNode polygon) {
        List<double[][]> rings = new ArrayList<>();
        for (JsonNode ring : polygon) {
            double[][] points = new double[ring.size()][];
            for (int i = 0; i < ring.size(); i++) {
                points[i] = new double[] {
                    ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble()
                };
            }
            rings.add(points);
        }
        return rings;
    }
}
