package io.liandong.replay.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small San-Francisco-style call log with one of each case a replay must handle, and its
 * mapping. Rows (numbers as in the rejects file):
 *
 * <ol>
 *   <li>call 100, engine E1: a medical call with a fire and an ambulance unit
 *   <li>call 100, medic M5
 *   <li>call 200, engine E2: received first; no en-route time; address with quotes and a comma
 *   <li>call 100, truck T1: a row of call 100 after another call's row
 *   <li>call 300: no address and no point, which the center refuses (400)
 *   <li>call 400, engine E4: on scene before en route (dirty data); address over two lines
 *   <li>call 500: a received time that does not parse
 *   <li>call 600: a helicopter, which no agency of ours plays
 *   <li>call 700: a call type the mapping does not know (REJECT)
 *   <li>a row with too few fields
 *   <li>call 400, medic M4: an on-scene time that does not parse
 * </ol>
 */
public final class TestLogs {

    public static final String SF_LOG =
            """
            Call Number,Unit ID,Call Type,Received DtTm,Dispatch DtTm,Response DtTm,On Scene DtTm,Available DtTm,\
            Address,City,Priority,Unit Type,Location
            100,E1,Medical Incident,01/01/2017 10:00:00 AM,01/01/2017 10:01:00 AM,01/01/2017 10:02:00 AM,\
            01/01/2017 10:06:00 AM,01/01/2017 10:30:00 AM,0 Block of MARKET ST,San Francisco,3,ENGINE,\
            "(37.7749, -122.4194)"
            100,M5,Medical Incident,01/01/2017 10:00:00 AM,01/01/2017 10:01:30 AM,01/01/2017 10:02:30 AM,\
            01/01/2017 10:08:00 AM,01/01/2017 10:50:00 AM,0 Block of MARKET ST,San Francisco,3,MEDIC,\
            "(37.7749, -122.4194)"
            200,E2,Structure Fire,01/01/2017 09:00:00 AM,01/01/2017 09:01:00 AM,,01/01/2017 09:05:00 AM,\
            01/01/2017 09:30:00 AM,"100 Block of ""A"" ST, rear",San Francisco,E,ENGINE,"(37.7800, -122.4100)"
            100,T1,Medical Incident,01/01/2017 10:00:00 AM,01/01/2017 10:01:10 AM,01/01/2017 10:03:00 AM,,\
            01/01/2017 10:40:00 AM,0 Block of MARKET ST,San Francisco,3,TRUCK,"(37.7749, -122.4194)"
            300,M7,Medical Incident,01/01/2017 11:00:00 AM,01/01/2017 11:01:00 AM,01/01/2017 11:02:00 AM,\
            01/01/2017 11:09:00 AM,01/01/2017 11:40:00 AM,,,2,MEDIC,
            400,E4,Medical Incident,01/01/2017 11:30:00 AM,01/01/2017 11:31:00 AM,01/01/2017 11:35:00 AM,\
            01/01/2017 11:33:00 AM,01/01/2017 12:10:00 PM,"1 Block of
            MISSION ST",San Francisco,3,ENGINE,"(37.7900, -122.3950)"
            500,E5,Medical Incident,13/45/2017 99:00:00 XM,,,,,3 Block of PINE ST,San Francisco,3,ENGINE,
            600,H1,Medical Incident,01/01/2017 12:00:00 PM,01/01/2017 12:01:00 PM,01/01/2017 12:02:00 PM,\
            01/01/2017 12:05:00 PM,01/01/2017 12:20:00 PM,2 Block of POST ST,San Francisco,3,HELICOPTER,\
            "(37.7880, -122.4070)"
            700,E7,Sky Is Falling,01/01/2017 12:30:00 PM,,,,,4 Block of OAK ST,San Francisco,3,ENGINE,
            800,E8,too,few
            400,M4,Medical Incident,01/01/2017 11:30:00 AM,01/01/2017 11:31:30 AM,01/01/2017 11:32:00 AM,soon,\
            01/01/2017 12:00:00 PM,"1 Block of
            MISSION ST",San Francisco,3,MEDIC,"(37.7900, -122.3950)"
            """;

    public static final String SF_MAPPING =
            """
            source:
              name: SF-TEST
              title: test log
              attribution: made up for tests
            call:
              id: Call Number
              receivedAt: Received DtTm
            time:
              format: MM/dd/yyyy hh:mm:ss a
              zone: America/Los_Angeles
            channel: "119"
            category:
              column: Call Type
              map:
                Medical Incident: PHE-MEDICAL
                Structure Fire: ACC-FIRE-BUILDING
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
                map: {ENGINE: FIRE-BRIGADE, TRUCK: FIRE-BRIGADE, MEDIC: EMS-120}
                default: SKIP
              instructions: "{Unit ID} ({Unit Type})"
              dispatch: Dispatch DtTm
              acknowledge: Response DtTm
              arrive: On Scene DtTm
              complete: Available DtTm
            """;

    private TestLogs() {}

    /** Writes the log and its mapping into {@code folder}; answers the log's path. */
    public static Path writeSf(Path folder) throws IOException {
        Files.writeString(folder.resolve("test.mapping.yaml"), SF_MAPPING);
        return Files.writeString(folder.resolve("calls.csv"), SF_LOG);
    }
}
