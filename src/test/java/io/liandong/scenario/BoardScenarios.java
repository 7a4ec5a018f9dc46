package io.liandong.scenario;

import static io.liandong.testing.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.testing.Api;
import io.liandong.testing.Api.Answer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The live board's filters by hall zone and platform, its counters, and the call taker's own
 * choice of the incident a report joins, through the HTTP API. Run on H2 and on PostgreSQL by the
 * subclasses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=" + BoardScenarios.ADMIN_PASSWORD,
            "liandong.security.demo-password=" + BoardScenarios.DEMO_PASSWORD,
            "liandong.security.demo-accounts=true",
            "liandong.home=target/test-home-board",
        })
abstract class BoardScenarios {

    static final String ADMIN_PASSWORD = "admin-Secret-123";
    static final String DEMO_PASSWORD = "demo-Secret-123";
    private static final AtomicInteger PLACE = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api admin;
    Api callTaker;
    Api commander;

    @BeforeEach
    void users() {
        admin = Api.as(port, "admin", ADMIN_PASSWORD);
        callTaker = Api.as(port, "calltaker", DEMO_PASSWORD);
        commander = Api.as(port, "commander", DEMO_PASSWORD);
    }

    /** A fresh place for each report, kilometres apart, so reports never merge by the center's rule. */
    static double[] freshPlace() {
        int n = PLACE.incrementAndGet();
        return new double[] {41.21 + (n % 40) * 0.02, 119.61 + (n / 40) * 0.03};
    }

    Map<String, Object> report(String category, String text, double[] place) {
        return map(
                "channel",
                "110",
                "address",
                "双塔区新华路 " + PLACE.get() + " 号",
                "lat",
                place[0],
                "lon",
                place[1],
                "text",
                text,
                "category",
                category);
    }

    long file(Map<String, Object> body) {
        Answer answer = callTaker.post("/api/reports", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.id("incidentId");
    }

    List<Long> ids(String query) {
        Answer answer = commander.get("/api/incidents?" + query);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        answer.json().forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    JsonNode listed(long id) {
        for (JsonNode incident : commander.get("/api/incidents?limit=2000").json()) {
            if (incident.get("id").asLong() == id) {
                return incident;
            }
        }
        throw new AssertionError("incident " + id + " is not listed");
    }

    // ---- zone and platform ---------------------------------------------------------------------

    @Test
    @DisplayName("the board lists incidents by the zone and platform their category belongs to")
    void filtersByZoneAndPlatform() {
        long gas = file(report("SOC-SUICIDE-GAS", "楼上住户打开燃气阀门要轻生", freshPlace()));
        long fire = file(report("ACC-FIRE-BUILDING", "居民楼三楼起火冒烟", freshPlace()));
        long noise = file(report("SVC-NOISE", "楼下广场舞噪音太大", freshPlace()));
        long crash = file(report("ACC-ROAD-CRASH", "两车相撞有人受伤", freshPlace()));

        assertThat(listed(gas).get("zone").asString()).isEqualTo("POLICE-COMMAND");
        assertThat(listed(gas).get("platform").asString()).isEqualTo("POLICE-COMMAND");
        assertThat(listed(fire).get("zone").asString()).isEqualTo("EMERGENCY-LINKAGE");
        assertThat(listed(fire).get("platform").asString()).isEqualTo("CITY-EMERGENCY");
        assertThat(listed(noise).get("zone").asString()).isEqualTo("GOVERNANCE-LINKAGE");
        assertThat(listed(noise).get("platform").asString()).isEqualTo("GOVERNANCE");
        // a child's own zone wins over its parent's: road crashes go to the police although ACC does not
        assertThat(listed(crash).get("zone").asString()).isEqualTo("POLICE-COMMAND");

        assertThat(ids("zone=POLICE-COMMAND&limit=2000")).contains(gas, crash).doesNotContain(fire, noise);
        assertThat(ids("platform=CITY-EMERGENCY&limit=2000")).contains(fire).doesNotContain(gas, noise, crash);
        assertThat(ids("platform=GOVERNANCE&status=OPEN&limit=2000"))
                .contains(noise)
                .doesNotContain(gas, fire, crash);
        assertThat(ids("zone=EMERGENCY-LINKAGE&platform=CITY-EMERGENCY&limit=2000"))
                .contains(fire)
                .doesNotContain(gas);
        // a zone of another platform: nothing, not an error
        assertThat(ids("zone=POLICE-COMMAND&platform=GOVERNANCE")).isEmpty();
        // the leadership zone handles no category
        assertThat(ids("zone=LEADERSHIP")).isEmpty();
    }

    @Test
    @DisplayName("district, priority and text filters apply in the database, before the limit, on list and counters")
    void filtersByDistrictPriorityAndTextBeforeTheLimit() {
        String token = "Trace" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> needle = report("SVC-NOISE", "夜间施工噪音扰民", freshPlace());
        needle.put("address", "北票市 " + token + " 号楼");
        needle.put("districtCode", "211381");
        needle.put("priority", "P3");
        long found = file(needle);
        for (int i = 0; i < 5; i++) {
            Map<String, Object> newer = report("SVC-NOISE", "楼下广场舞噪音太大", freshPlace());
            newer.put("districtCode", "211302");
            newer.put("priority", "P3");
            file(newer);
        }

        assertThat(ids("q=" + token + "&limit=1")).containsExactly(found);
        assertThat(ids("q=" + token.toUpperCase(java.util.Locale.ROOT) + "&limit=1"))
                .containsExactly(found);
        assertThat(ids("q=" + found + "&limit=2000")).contains(found);
        // % and _ are literal characters, not wildcards
        assertThat(ids("q=" + token.substring(0, token.length() - 1) + "_&limit=2000"))
                .isEmpty();
        assertThat(ids("q=%25&limit=2000")).doesNotContain(found);

        JsonNode oneInDistrict = commander
                .get("/api/incidents?district=211381&priority=P3&limit=1")
                .json();
        assertThat(oneInDistrict).hasSize(1);
        assertThat(oneInDistrict.get(0).get("districtCode").asString()).startsWith("211381");
        assertThat(oneInDistrict.get(0).get("priority").asString()).isEqualTo("P3");
        assertThat(ids("district=2113&q=" + token)).containsExactly(found);
        assertThat(ids("district=211302&q=" + token)).isEmpty();
        assertThat(ids("priority=P1&q=" + token)).isEmpty();

        JsonNode counted = commander.get("/api/incidents/counts?q=" + token).json();
        assertThat(counted.get("open").asLong()).isEqualTo(1);
        assertThat(commander
                        .get("/api/incidents/counts?district=211302&q=" + token)
                        .json()
                        .get("open")
                        .asLong())
                .isZero();

        // the limit counts characters, not UTF-16 units: 100 emoji are a search text like any other
        assertThat(commander.get("/api/incidents?q=" + "😀".repeat(100)).status())
                .isEqualTo(200);
        for (String path : List.of("/api/incidents", "/api/incidents/counts")) {
            Answer district = commander.get(path + "?district=abc");
            assertThat(district.status()).as(district.text()).isEqualTo(400);
            assertThat(district.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("district");
            Answer text = commander.get(path + "?q=" + "x".repeat(101));
            assertThat(text.status()).as(text.text()).isEqualTo(400);
            assertThat(text.json().get("errors").get(0).get("field").asString()).isEqualTo("q");
            Answer priority = commander.get(path + "?priority=P9");
            assertThat(priority.status()).as(priority.text()).isEqualTo(400);
        }
    }

    @Test // district= used to take any 2 to 12 digits as a prefix, so 21138 matched 211381 and 211382
    @DisplayName(
            "district= takes a division code of 2, 4, 6, 9 or 12 digits, a city's 6-digit code too; others are 400")
    void districtIsADivisionCode() {
        String token = "Division" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> inBeipiao = report("SVC-NOISE", "夜间施工噪音扰民", freshPlace());
        inBeipiao.put("address", "北票市 " + token + " 号楼");
        inBeipiao.put("districtCode", "211381");
        long found = file(inBeipiao);

        for (String division :
                List.of("21", "2113", "211300", "210000", "211381", "211381000000", "211300000000", "210000000000")) {
            assertThat(ids("district=" + division + "&q=" + token)).as(division).containsExactly(found);
            assertThat(commander
                            .get("/api/incidents/counts?district=" + division + "&q=" + token)
                            .json()
                            .get("open")
                            .asLong())
                    .as(division)
                    .isEqualTo(1);
        }
        assertThat(ids("district=211382&q=" + token)).isEmpty();
        assertThat(ids("district=211381001&q=" + token)).isEmpty();
        assertThat(ids("district=211381001000&q=" + token)).isEmpty();
        Answer village = commander.get("/api/incidents?district=211381001001");
        assertThat(village.status()).as(village.text()).isEqualTo(400);
        assertThat(village.json().get("errors").get(0).get("message").asString())
                .contains("village", "township");

        for (String path : List.of("/api/incidents", "/api/incidents/counts")) {
            for (String malformed :
                    List.of("2", "211", "21138", "2113810", "21138100", "2113810010", "2113810010011")) {
                Answer refused = commander.get(path + "?district=" + malformed);
                assertThat(refused.status())
                        .as(path + " " + malformed + ": " + refused.text())
                        .isEqualTo(400);
                assertThat(refused.json().get("type").asString()).isEqualTo("urn:liandong:problem:validation");
                JsonNode error = refused.json().get("errors").get(0);
                assertThat(error.get("field").asString()).isEqualTo("district");
                assertThat(error.get("message").asString()).contains("2, 4, 6, 9 or 12 digits", "'" + malformed + "'");
                assertThat(error.get("rejectedValue").asString()).isEqualTo(malformed);
            }
        }
    }

    @Test
    @DisplayName("an unknown zone or platform is refused with 400 naming it, on the list and the counters")
    void refusesAnUnknownZoneOrPlatform() {
        for (String path : List.of("/api/incidents", "/api/incidents/counts")) {
            Answer zone = commander.get(path + "?zone=POLICE");
            assertThat(zone.status()).as(zone.text()).isEqualTo(400);
            assertThat(zone.json().get("type").asString()).isEqualTo("urn:liandong:problem:validation");
            assertThat(zone.json().get("detail").asString()).contains("zone", "'POLICE'");
            assertThat(zone.json().get("errors").get(0).get("field").asString()).isEqualTo("zone");

            Answer platform = commander.get(path + "?platform=police-command");
            assertThat(platform.status()).as(platform.text()).isEqualTo(400);
            assertThat(platform.json().get("detail").asString())
                    .contains("platform", "'police-command'", "POLICE-COMMAND");
        }
    }

    @Test
    @DisplayName("moving a category to another zone moves its incidents on the board; an unknown zone is refused")
    void followsTheCategoryWhenAnAdministratorMovesIt() {
        long missing = file(report("SOC-MISSING", "老人走失，穿蓝色外套", freshPlace()));
        assertThat(ids("platform=POLICE-COMMAND&limit=2000")).contains(missing);

        JsonNode category = admin.get("/api/categories/SOC-MISSING").json();
        assertThat(category.has("zone")).isFalse();
        assertThat(category.get("effectiveZone").asString()).isEqualTo("POLICE-COMMAND");
        Map<String, Object> body = body(category);
        body.put("zone", "NO-SUCH-ZONE");
        Answer refused = admin.put("/api/categories/SOC-MISSING", body);
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("zone");

        body.put("zone", "GOVERNANCE-LINKAGE");
        Answer moved = admin.put("/api/categories/SOC-MISSING", body);
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().get("effectiveZone").asString()).isEqualTo("GOVERNANCE-LINKAGE");
        try {
            assertThat(ids("platform=GOVERNANCE&limit=2000")).contains(missing);
            assertThat(ids("platform=POLICE-COMMAND&limit=2000")).doesNotContain(missing);
            assertThat(listed(missing).get("zone").asString()).isEqualTo("GOVERNANCE-LINKAGE");
        } finally {
            Map<String, Object> back = body(moved.json());
            back.remove("zone");
            assertThat(admin.put("/api/categories/SOC-MISSING", back).status()).isEqualTo(200);
        }
        assertThat(ids("platform=POLICE-COMMAND&limit=2000")).contains(missing);
    }

    /** A category's answer as the body of its update: the console sends every field it read back. */
    private static Map<String, Object> body(JsonNode category) {
        Map<String, Object> body = new LinkedHashMap<>();
        category.properties().forEach(field -> body.put(field.getKey(), field.getValue()));
        return body;
    }

    // ---- counters -------------------------------------------------------------------------------

    @Test
    @DisplayName("the counters count every open incident, far above the list's 2,000 limit, and their tasks")
    void countsBeyondTheListLimit() {
        Instant longAgo = Instant.parse("2020-03-01T00:00:00Z");
        int open = 2_300;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < open + 50; i++) {
            boolean isOpen = i < open;
            rows.add(new Object[] {
                "NAT-EARTHQUAKE",
                i % 10 == 0 ? "P1" : "P3",
                isOpen ? "OPEN" : "CLOSED",
                "地震 " + i,
                Timestamp.from(longAgo.plusSeconds(i)),
                Timestamp.from(longAgo.plusSeconds(i)),
                i % 100 == 0 ? "LEADER" : "COMMANDER"
            });
        }
        jdbc.batchUpdate(
                """
                INSERT INTO incident (kind, category_code, priority, severity, status, title, opened_at,
                  last_report_at, in_command, report_count, drill)
                VALUES ('EMERGENCY', ?, ?, 'II', ?, ?, ?, ?, ?, 1, FALSE)""",
                rows);
        List<Long> ids = jdbc.queryForList(
                "SELECT id FROM incident WHERE category_code = 'NAT-EARTHQUAKE' AND status = 'OPEN' ORDER BY id",
                Long.class);
        assertThat(ids).hasSize(open);
        // one active task on each of the first 1,200 open incidents (more than one query's 500), half overdue
        List<Object[]> tasks = new ArrayList<>();
        Timestamp past = Timestamp.from(longAgo);
        Timestamp future = Timestamp.from(Instant.now().plusSeconds(86_400));
        for (int i = 0; i < 1_200; i++) {
            tasks.add(new Object[] {ids.get(i), "EARTHQUAKE", "ISSUED", past, i % 2 == 0 ? past : future, future});
        }
        jdbc.batchUpdate(
                """
                INSERT INTO task (incident_id, agency_code, instructions, priority, status, issued_at,
                  acknowledge_due, arrive_due, complete_due)
                VALUES (?, ?, '核查震情', 'P3', ?, ?, ?, ?, ?)""",
                tasks.stream()
                        .map(t -> new Object[] {t[0], t[1], t[2], t[3], t[4], t[5], t[5]})
                        .toList());

        Answer counts = commander.get("/api/incidents/counts?category=NAT-EARTHQUAKE&since=2020-03-01T00:10:00Z");
        assertThat(counts.status()).as(counts.text()).isEqualTo(200);
        JsonNode c = counts.json();
        assertThat(c.get("open").asLong()).isEqualTo(open);
        assertThat(c.get("p1").asLong()).isEqualTo(open / 10);
        assertThat(c.get("leaderCommand").asLong()).isEqualTo(open / 100);
        assertThat(c.get("openTasks").asLong()).isEqualTo(1_200);
        assertThat(c.get("overdueTasks").asLong()).isEqualTo(600);
        // opened at or after 00:10 (second 600 on): open or closed alike
        assertThat(c.get("openedSince").asLong()).isEqualTo(open + 50 - 600);
        assertThat(c.get("since").asString()).isEqualTo("2020-03-01T00:10:00Z");

        // the same scope through the platform, and an agency's share
        assertThat(commander
                        .get("/api/incidents/counts?platform=CITY-EMERGENCY&category=NAT-EARTHQUAKE")
                        .json()
                        .get("open")
                        .asLong())
                .isEqualTo(open);
        assertThat(commander
                        .get("/api/incidents/counts?platform=GOVERNANCE&category=NAT-EARTHQUAKE")
                        .json()
                        .get("open")
                        .asLong())
                .isZero();
        JsonNode tasked = commander
                .get("/api/incidents/counts?category=NAT-EARTHQUAKE&agency=EARTHQUAKE")
                .json();
        assertThat(tasked.get("open").asLong()).isEqualTo(1_200);
        assertThat(tasked.get("openTasks").asLong()).isEqualTo(1_200);
    }

    @Test // the agency filter used to be applied to the listed rows, after the limit
    @DisplayName("the agency filter applies in the database, before the limit, on list and counters alike")
    void filtersByAgencyBeforeTheLimit() {
        // 2,100 open forest fires, P4 and long ago so that they sort after every other test's incidents;
        // the forestry bureau is tasked on the 60 oldest only, which the newest 2,000 leave out
        Instant longAgo = Instant.parse("2019-04-01T00:00:00Z");
        int all = 2_100;
        int tasked = 60;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < all; i++) {
            Timestamp at = Timestamp.from(longAgo.plusSeconds(i));
            rows.add(new Object[] {"山火 " + i, at, at});
        }
        jdbc.batchUpdate(
                """
                INSERT INTO incident (kind, category_code, priority, severity, status, title, opened_at,
                  last_report_at, in_command, report_count, drill)
                VALUES ('EMERGENCY', 'NAT-FOREST-FIRE', 'P4', 'IV', 'OPEN', ?, ?, ?, 'COMMANDER', 1, FALSE)""",
                rows);
        List<Long> ids = jdbc.queryForList(
                "SELECT id FROM incident WHERE category_code = 'NAT-FOREST-FIRE' ORDER BY opened_at", Long.class);
        assertThat(ids).hasSize(all);
        List<Object[]> tasks = new ArrayList<>();
        for (int i = 0; i < all; i++) {
            tasks.add(new Object[] {ids.get(i), i < tasked ? "FORESTRY" : "FIRE-BRIGADE", "ISSUED"});
        }
        // a second, cancelled task of the same agency: the incident is listed once, and any state counts
        tasks.add(new Object[] {ids.get(0), "FORESTRY", "CANCELLED"});
        Timestamp issued = Timestamp.from(longAgo);
        Timestamp due = Timestamp.from(Instant.now().plusSeconds(86_400));
        jdbc.batchUpdate(
                """
                INSERT INTO task (incident_id, agency_code, instructions, priority, status, issued_at,
                  acknowledge_due, arrive_due, complete_due)
                VALUES (?, ?, '扑救山火', 'P4', ?, ?, ?, ?, ?)""",
                tasks.stream()
                        .map(t -> new Object[] {t[0], t[1], t[2], issued, due, due, due})
                        .toList());
        List<Long> taskedNewestFirst = new ArrayList<>(ids.subList(0, tasked));
        Collections.reverse(taskedNewestFirst);

        assertThat(ids("category=NAT-FOREST-FIRE&limit=2000"))
                .hasSize(2000)
                .doesNotContainAnyElementsOf(taskedNewestFirst);
        assertThat(ids("category=NAT-FOREST-FIRE&agency=FORESTRY&limit=2000"))
                .containsExactlyElementsOf(taskedNewestFirst);
        assertThat(ids("category=NAT-FOREST-FIRE&agency=FORESTRY&status=OPEN&limit=5"))
                .containsExactlyElementsOf(taskedNewestFirst.subList(0, 5));
        // the board's own question: every incident, this agency's
        assertThat(ids("agency=FORESTRY&limit=2000")).containsAll(taskedNewestFirst);
        assertThat(ids("agency=FORESTRY&limit=2000")).doesNotContain(ids.get(tasked));
        commander.get("/api/incidents?agency=FORESTRY&limit=2000").json().forEach(incident -> assertThat(
                        incident.get("agencies").toString())
                .contains("FORESTRY"));

        JsonNode counted = commander
                .get("/api/incidents/counts?category=NAT-FOREST-FIRE&agency=FORESTRY")
                .json();
        assertThat(counted.get("open").asLong()).isEqualTo(tasked);
        assertThat(counted.get("openTasks").asLong()).isEqualTo(tasked);
        assertThat(commander
                        .get("/api/incidents/counts?category=NAT-FOREST-FIRE&agency=FIRE-BRIGADE")
                        .json()
                        .get("open")
                        .asLong())
                .isEqualTo(all - tasked);
    }

    @Test
    @DisplayName("an unknown agency is refused with 400 naming it, on the list and the counters")
    void refusesAnUnknownAgency() {
        for (String path : List.of("/api/incidents", "/api/incidents/counts")) {
            Answer agency = commander.get(path + "?agency=FORESTRY-BUREAU");
            assertThat(agency.status()).as(agency.text()).isEqualTo(400);
            assertThat(agency.json().get("type").asString()).isEqualTo("urn:liandong:problem:validation");
            assertThat(agency.json().get("detail").asString()).contains("agency", "'FORESTRY-BUREAU'");
            assertThat(agency.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("agency");
            Answer tooLong = commander.get(path + "?agency=" + "X".repeat(4000));
            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(tooLong.text().length())
                    .as("the refused value is repeated clipped")
                    .isLessThan(1000);
        }
    }

    @Test
    @DisplayName("an unknown category, % and _ too, is refused with 400 naming it, on the list and the counters")
    void refusesAnUnknownCategory() {
        for (String category : List.of("NOPE", "_CC", "%25FIRE%25", "%25", "NAT_EARTHQUAKE")) {
            for (String path : List.of("/api/incidents", "/api/incidents/counts")) {
                Answer refused = commander.get(path + "?category=" + category);
                assertThat(refused.status()).as(refused.text()).isEqualTo(400);
                assertThat(refused.json().get("errors").get(0).get("field").asString())
                        .isEqualTo("category");
                assertThat(refused.json().get("detail").asString()).contains("no such category");
            }
        }
        Answer known = commander.get("/api/incidents?category=NAT-EARTHQUAKE");
        assertThat(known.status()).as(known.text()).isEqualTo(200);
        // An empty filter is no filter, and spaces around a code do not hide its incidents.
        long theft = file(report("SOC-THEFT", "电动车被盗", freshPlace()));
        assertThat(ids("category=&limit=2000")).contains(theft);
        assertThat(ids("category=%20%20&limit=2000")).contains(theft);
        assertThat(ids("category=%20SOC&limit=2000")).contains(theft);
        JsonNode all = commander.get("/api/incidents/counts").json();
        assertThat(commander.get("/api/incidents/counts?category=").json()).isEqualTo(all);
        // so is an empty hall zone or platform
        assertThat(ids("zone=&platform=%20&limit=2000")).contains(theft);
        assertThat(commander.get("/api/incidents/counts?zone=&platform=").json())
                .isEqualTo(all);

        Answer nearby = commander.get("/api/incidents/nearby?category=NOPE&lat=41.57&lon=120.45");
        assertThat(nearby.status()).as(nearby.text()).isEqualTo(400);
        assertThat(nearby.json().get("errors").get(0).get("field").asString()).isEqualTo("category");
    }

    @Test
    @DisplayName("agency users cannot read the board's counters")
    void agencyUsersHaveNoBoard() {
        Answer answer = Api.as(port, "gas", DEMO_PASSWORD).get("/api/incidents/counts");
        assertThat(answer.status()).as(answer.text()).isEqualTo(403);
    }

    // ---- the call taker's merge ----------------------------------------------------------------

    @Test
    @DisplayName("a report joins the incident the call taker chose, far from it, and the record says so")
    void mergesIntoTheChosenIncident() {
        long first = file(report("SOC-SUICIDE-GAS", "住户打开燃气阀门要轻生", freshPlace()));
        Map<String, Object> second = report("SOC-SUICIDE-GAS", "又一位邻居报告同一户煤气味", freshPlace());
        second.put("mergeInto", first);

        Answer answer = callTaker.post("/api/reports", second);

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.str("outcome")).isEqualTo("MERGED");
        assertThat(answer.id("incidentId")).isEqualTo(first);
        assertThat(listed(first).get("reportCount").asInt()).isEqualTo(2);
        List<String> merged = new ArrayList<>();
        commander.get("/api/incidents/" + first + "/record").json().forEach(e -> {
            if (e.get("type").asString().equals("REPORT_MERGED")) {
                merged.add(e.get("detail").asString());
            }
        });
        assertThat(merged).containsExactly("report #2 merged into incident " + first + " by call taker");
    }

    @Test
    @DisplayName("a chosen incident that is closed, a service case, unknown or of the other drill flag is refused")
    void refusesAnUnfitMergeTarget() {
        long closed = file(report("SOC-SUICIDE-GAS", "住户打开燃气阀门要轻生", freshPlace()));
        int version = commander
                .get("/api/incidents/" + closed)
                .json()
                .get("incident")
                .get("version")
                .asInt();
        Answer close =
                commander.post("/api/incidents/" + closed + "/orders/close", map("version", version, "reason", "处置完毕"));
        assertThat(close.status()).as(close.text()).isEqualTo(200);
        long service = file(report("SVC-NOISE", "楼下广场舞噪音太大", freshPlace()));
        long real = file(report("SOC-SUICIDE-GAS", "住户打开燃气阀门要轻生", freshPlace()));
        Map<String, Object> drill = report("SOC-SUICIDE-GAS", "演练：住户打开燃气阀门", freshPlace());
        drill.put("drill", true);
        long drillIncident = file(drill);

        assertRefused(closed, false, "merge-target-not-open", "CLOSED");
        assertRefused(service, false, "merge-target-not-emergency", "service case");
        assertRefused(999_999_999L, false, "merge-target-unknown", "999999999");
        assertRefused(real, true, "merge-target-drill-mismatch", "is not a drill");
        assertRefused(drillIncident, false, "merge-target-drill-mismatch", "is a drill");

        Answer zero = callTaker.post("/api/reports", withMerge(0L, false));
        assertThat(zero.status()).as(zero.text()).isEqualTo(400);
    }

    private void assertRefused(long target, boolean drill, String type, String reason) {
        long reportsBefore = reports();
        long incidentsBefore = incidents();

        Answer answer = callTaker.post("/api/reports", withMerge(target, drill));

        assertThat(answer.status()).as(answer.text()).isEqualTo(422);
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:liandong:problem:" + type);
        assertThat(answer.json().get("detail").asString()).contains("mergeInto", String.valueOf(target), reason);
        assertThat(reports()).as("no report stored").isEqualTo(reportsBefore);
        assertThat(incidents()).as("no incident opened").isEqualTo(incidentsBefore);
    }

    private Map<String, Object> withMerge(long target, boolean drill) {
        Map<String, Object> body = report("SOC-SUICIDE-GAS", "邻居报告煤气味", freshPlace());
        body.put("mergeInto", target);
        if (drill) {
            body.put("drill", true);
        }
        return body;
    }

    private long reports() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM report", Long.class);
    }

    private long incidents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM incident", Long.class);
    }

    @Test
    @DisplayName("a retry of a chosen merge answers as the first time; the same key with another target is refused")
    void chosenMergeIsIdempotent() {
        long first = file(report("SOC-SUICIDE-GAS", "住户打开燃气阀门要轻生", freshPlace()));
        long other = file(report("SOC-SUICIDE-GAS", "另一处住户打开燃气阀门", freshPlace()));
        Map<String, Object> body = report("SOC-SUICIDE-GAS", "邻居再次报告煤气味", freshPlace());
        body.put("mergeInto", first);
        String key = "merge-" + UUID.randomUUID();

        Answer answer = callTaker.post("/api/reports", body, Map.of("Idempotency-Key", key));
        Answer retry = callTaker.post("/api/reports", body, Map.of("Idempotency-Key", key));
        Map<String, Object> elsewhere = new LinkedHashMap<>(body);
        elsewhere.put("mergeInto", other);
        Answer reused = callTaker.post("/api/reports", elsewhere, Map.of("Idempotency-Key", key));
        Map<String, Object> unchosen = new LinkedHashMap<>(body);
        unchosen.remove("mergeInto");
        Answer withoutChoice = callTaker.post("/api/reports", unchosen, Map.of("Idempotency-Key", key));

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(answer.json());
        assertThat(listed(first).get("reportCount").asInt()).isEqualTo(2);
        assertThat(reused.status()).as(reused.text()).isEqualTo(422);
        assertThat(reused.json().get("type").asString()).isEqualTo("urn:liandong:problem:idempotency-key-reused");
        assertThat(withoutChoice.status()).as(withoutChoice.text()).isEqualTo(422);
        assertThat(listed(other).get("reportCount").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("without mergeInto a report still merges by the center's rule")
    void withoutAChoiceTheCenterDecides() {
        double[] place = freshPlace();
        long first = file(report("SOC-SUICIDE-GAS", "住户打开燃气阀门要轻生", place));

        Answer second = callTaker.post("/api/reports", report("SOC-SUICIDE-GAS", "同一户煤气味", place));

        assertThat(second.str("outcome")).isEqualTo("MERGED");
        assertThat(second.id("incidentId")).isEqualTo(first);
    }
}
