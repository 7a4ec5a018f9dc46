package io.liandong.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingReaderTests {

    private static final Columns HEADER = new Columns(List.of(
            "Call Number",
            "Unit ID",
            "Call Type",
            "Received DtTm",
            "Dispatch DtTm",
            "Response DtTm",
            "On Scene DtTm",
            "Available DtTm",
            "Address",
            "City",
            "Priority",
            "Unit Type",
            "Location"));

    private static final String VALID =
            """
            source:
              name: SF-TEST
              title: test log
              attribution: nobody
            call:
              id: Call Number
              receivedAt: Received DtTm
            time:
              format: MM/dd/yyyy hh:mm:ss a
              zone: America/Los_Angeles
            channel: 119
            category:
              column: Call Type
              map:
                Medical Incident: PHE-MEDICAL
              default: REJECT
            priority:
              column: Priority
              map: {E: P1, "3": P1, "2": P2}
            address: ["{Address}, {City}", "{Address}"]
            text: "{Call Type} at {Address}"
            location:
              column: Location
            relocate:
              fromBox: [37.60, -122.52, 37.84, -122.35]
              toCenter: [41.57, 120.45]
            units:
              agency:
                column: Unit Type
                map: {ENGINE: FIRE-BRIGADE, MEDIC: EMS-120}
                default: SKIP
              instructions: "{Unit ID}"
              dispatch: Dispatch DtTm
              acknowledge: Response DtTm
              arrive: On Scene DtTm
              complete: Available DtTm
            """;

    @Test
    void readsAMappingWhoseColumnsAreAllInTheHeader() {
        Mapping mapping = parse(VALID);

        assertThat(mapping.source().name()).isEqualTo("SF-TEST");
        assertThat(mapping.callId()).isEqualTo("Call Number");
        assertThat(mapping.channel().fallback()).isEqualTo("119");
        assertThat(mapping.category().table()).containsEntry("Medical Incident", "PHE-MEDICAL");
        assertThat(mapping.priority().table()).containsEntry("3", "P1");
        assertThat(mapping.address()).extracting(Template::toString).containsExactly("{Address}, {City}", "{Address}");
        assertThat(mapping.units().agency().fallback()).isEqualTo("SKIP");
        assertThat(mapping.units().complete()).isEqualTo("Available DtTm");
    }

    @Test
    void readsTheShippedSampleMappingsAgainstTheirLogs() throws IOException {
        assertThat(sample(
                                "samples/sf-fire-week/sf-fire-calls-2016-12-31-to-2017-01-02.csv",
                                "samples/sf-fire-week/sf-fire-week.mapping.yaml")
                        .category()
                        .table())
                .containsEntry("Structure Fire", "ACC-FIRE-BUILDING")
                .containsEntry("Gas Leak (Natural and LP Gases)", "ACC-GAS-LEAK");
        Mapping nyc = sample("samples/nyc-311/nyc-311-2024-05-26.csv", "samples/nyc-311/nyc-311.mapping.yaml");
        assertThat(nyc.category().byTables().get("NYPD")).containsEntry("Noise - Residential", "SOC-PUBLIC-ORDER");
        assertThat(nyc.units().agency().fallback()).isEqualTo(Mapping.ISSUED);
        assertThat(nyc.units().completeWhenValues()).containsExactly("Closed");
    }

    @Test
    void namesAnUnknownColumnAndSuggestsTheClosestOne() {
        assertThatThrownBy(() -> parse(VALID.replace("id: Call Number", "id: Call Numbr")))
                .isInstanceOf(MappingException.class)
                .hasMessage("mapping m.yaml: call.id: column 'Call Numbr' is not in the header of log.csv"
                        + " (did you mean 'Call Number'?)");
    }

    @Test
    void namesAnUnknownColumnInsideATemplate() {
        assertThatThrownBy(() -> parse(VALID.replace("{Call Type} at {Address}", "{Call Type} at {Street}")))
                .hasMessage("mapping m.yaml: text: column 'Street' is not in the header of log.csv");
    }

    @Test
    void namesAnUnknownKeyAndListsTheKnownOnes() {
        assertThatThrownBy(() -> parse(VALID + "relocat: {}\n"))
                .hasMessageStartingWith("mapping m.yaml: relocat: unknown key 'relocat' at the top level; known keys:"
                        + " source, call, time");
        assertThatThrownBy(() -> parse(VALID.replace("  receivedAt:", "  recievedAt:")))
                .hasMessageStartingWith("mapping m.yaml: call.recievedAt: unknown key 'recievedAt' in call");
    }

    @Test
    void saysWhichRequiredKeyIsMissing() {
        assertThatThrownBy(() -> parse(VALID.replace("  name: SF-TEST\n", "")))
                .hasMessage("mapping m.yaml: source.name: is required");
        assertThatThrownBy(() -> parse(VALID.replace("  default: REJECT\n", "")))
                .hasMessage("mapping m.yaml: category.default: is required");
    }

    @Test
    void refusesMalformedCodesWithTheValue() {
        assertThatThrownBy(() -> parse(VALID.replace("PHE-MEDICAL", "phe medical")))
                .hasMessage("mapping m.yaml: category.map['Medical Incident']: 'phe medical' is not a category code"
                        + " (like ACC-FIRE-BUILDING), REJECT or SUGGEST");
        assertThatThrownBy(() -> parse(VALID.replace("channel: 119", "channel: 911")))
                .hasMessage("mapping m.yaml: channel.default: '911' is not one of"
                        + " [110, 119, 120, 12345, 12350, API, APP, VIDEO, WEB]");
        assertThatThrownBy(() -> parse(VALID.replace("\"2\": P2", "\"2\": P5")))
                .hasMessage("mapping m.yaml: priority.map['2']: 'P5' is not one of [P1, P2, P3, P4]");
    }

    @Test
    void checksTheTimeFormatAndZone() {
        assertThatThrownBy(() -> parse(VALID.replace("  zone: America/Los_Angeles\n", "")))
                .hasMessage(
                        "mapping m.yaml: time: time format 'MM/dd/yyyy hh:mm:ss a' has no offset, so it needs a zone");
    }

    @Test
    void needsALocationColumnOrALatitudeAndLongitudePair() {
        assertThatThrownBy(() -> parse(VALID.replace("  column: Location", "  latitude: Location")))
                .hasMessage("mapping m.yaml: location: needs either column (a \"lat, lon\" text) or both latitude"
                        + " and longitude columns");
    }

    @Test
    void takesEitherATargetBoxOrATargetCenter() {
        assertThatThrownBy(() -> parse(VALID.replace("  toCenter:", "  toBox: [1, 2, 3, 4]\n  toCenter:")))
                .hasMessage(
                        "mapping m.yaml: relocate: takes either toBox or toCenter (with an optional scale), not both");
        assertThatThrownBy(() -> parse(VALID.replace("toCenter: [41.57, 120.45]", "toCenter: [41.57]")))
                .hasMessage("mapping m.yaml: relocate.toCenter: must be a list of 2 numbers");
    }

    @Test
    void needsAtLeastOneUnitTimeColumn() {
        String noTimes = VALID.substring(0, VALID.indexOf("  dispatch:"));
        assertThatThrownBy(() -> parse(noTimes))
                .hasMessage("mapping m.yaml: units: names no time column: give at least one of dispatch, acknowledge,"
                        + " arrive, complete");
    }

    @Test
    void refusesAKeyGivenTwice() {
        assertThatThrownBy(() -> parse(VALID.replace(
                        "    Medical Incident: PHE-MEDICAL\n",
                        "    Medical Incident: PHE-MEDICAL\n    Medical Incident: ACC\n")))
                .hasMessageStartingWith(
                        "mapping m.yaml is not valid YAML: Duplicate Object property \"Medical Incident\"");
    }

    private static Mapping parse(String yaml) {
        return MappingReader.parse(yaml, "m.yaml", HEADER, "log.csv");
    }

    private static Mapping sample(String log, String mapping) throws IOException {
        CallLog read = CallLog.read(Path.of(log));
        return MappingReader.read(Path.of(mapping), read.header(), log);
    }
}
