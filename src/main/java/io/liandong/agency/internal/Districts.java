package io.liandong.agency.internal;

import io.liandong.agency.District;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The center's city, its county-level divisions and their townships (乡镇, 街道), read from the
 * NBS 2023 division code lists packaged under {@code deployment/} (see
 * {@code deployment/ATTRIBUTION.md}).
 */
@Component
public class Districts {

    private final String cityCode;
    private final Map<String, District> byCode;
    private final Set<String> townships;

    Districts(@Value("${liandong.center.city-code:211300}") String cityCode) {
        this.cityCode = cityCode;
        this.byCode = read(cityCode);
        this.townships = townships(cityCode.substring(0, 4));
    }

    /** Whether the code is a county-level division of the city (not the city itself). */
    public boolean isCounty(String code) {
        return !code.equals(cityCode) && byCode.containsKey(code);
    }

    /** Whether the code is a 9-digit township-level division of one of the city's counties. */
    public boolean isTownship(String code) {
        return townships.contains(code);
    }

    public List<District> all() {
        return List.copyOf(byCode.values());
    }

    public Optional<District> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    private static Map<String, District> read(String cityCode) {
        if (!cityCode.matches("\\d{4}00")) {
            throw new IllegalStateException(
                    "liandong.center.city-code must be a 6-digit city code ending in 00, was '" + cityCode + "'");
        }
        String city = cityCode.substring(0, 4);
        Map<String, District> districts = new LinkedHashMap<>();
        lines("deployment/cn_admin_divisions_2023_cities.csv", row -> {
            if (row.get(0).equals(city)) {
                districts.put(cityCode, new District(cityCode, row.get(1)));
            }
        });
        if (districts.isEmpty()) {
            throw new IllegalStateException("liandong.center.city-code " + cityCode + " is not a known city");
        }
        lines("deployment/cn_admin_divisions_2023_areas.csv", row -> {
            if (row.get(2).equals(city)) {
                districts.put(row.get(0), new District(row.get(0), row.get(1)));
            }
        });
        return districts;
    }

    private static Set<String> townships(String city) {
        Set<String> codes = new HashSet<>();
        lines("deployment/cn_admin_divisions_2023_streets.csv", row -> {
            if (row.get(4).equals(city)) {
                codes.add(row.get(0));
            }
        });
        return Set.copyOf(codes);
    }

    private static void lines(String resource, Consumer<List<String>> row) {
        try (var reader = new BufferedReader(
                new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    row.accept(fields(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Splits one line of these files: comma separated, names in double quotes without commas. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        for (String field : line.split(",", -1)) {
            fields.add(field.strip().replace("\"", ""));
        }
        return fields;
    }
}
