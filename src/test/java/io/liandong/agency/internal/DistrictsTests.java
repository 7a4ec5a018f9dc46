package io.liandong.agency.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DistrictsTests {

    private final Districts chaoyang = new Districts("211300");

    @Test // a made-up township inside a real county was taken as a report's districtCode
    void knowsTheTownshipsOfTheCityAndNoOthers() {
        assertThat(chaoyang.isTownship("211302001")).as("双塔街道").isTrue();
        assertThat(chaoyang.isTownship("211324400")).as("国营官大海农场").isTrue();
        assertThat(chaoyang.isTownship("211382204")).as("大王杖子乡").isTrue();
        assertThat(chaoyang.isTownship("211302999")).as("made up, in 双塔区").isFalse();
        assertThat(chaoyang.isTownship("211321000")).as("made up, in 朝阳县").isFalse();
        assertThat(chaoyang.isTownship("110105001"))
                .as("a real township of Beijing's 朝阳区")
                .isFalse();
        assertThat(chaoyang.isTownship("211302"))
                .as("a county is not a township")
                .isFalse();
    }

    @Test
    void takesEveryTownshipTheIntakeFormOffers() throws IOException {
        List<String> offered = intakeFormTownships();

        assertThat(offered).hasSize(163);
        assertThat(offered)
                .allSatisfy(
                        code -> assertThat(chaoyang.isTownship(code)).as(code).isTrue());
    }

    @Test
    void readsTheTownshipsOfAnotherCityWhenConfiguredForIt() {
        Districts beijing = new Districts("110100");

        assertThat(beijing.isTownship("110105001")).isTrue();
        assertThat(beijing.isTownship("211302001")).isFalse();
    }

    /** The township list the console's intake form offers, {@code frontend/src/data/townships.json}. */
    private static List<String> intakeFormTownships() throws IOException {
        JsonNode root =
                JsonMapper.builder().build().readTree(Files.readString(Path.of("frontend/src/data/townships.json")));
        List<String> codes = new ArrayList<>();
        for (JsonNode district : root.get("districts")) {
            for (JsonNode township : district.get("townships")) {
                codes.add(township.get("code").asString());
            }
        }
        return codes;
    }
}
