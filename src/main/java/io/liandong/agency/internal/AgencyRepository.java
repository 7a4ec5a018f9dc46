package io.liandong.agency.internal;

import io.liandong.agency.Agency;
import io.liandong.agency.AgencyKind;
import io.liandong.agency.Residency;
import io.liandong.agency.SeasonWindow;
import io.liandong.agency.Seat;
import io.liandong.agency.Zone;
import io.liandong.shared.AuditAction;
import io.liandong.shared.security.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Hand-written SQL on the agency, zone and seat tables, and the audit rows their changes write. */
@Repository
public class AgencyRepository {

    private static final RowMapper<Versioned<Agency>> AGENCY = (rs, n) -> new Versioned<>(
            new Agency(
                    rs.getString("code"),
                    rs.getString("name_zh"),
                    rs.getString("name_en"),
                    AgencyKind.valueOf(rs.getString("kind")),
                    Residency.valueOf(rs.getString("residency")),
                    split(rs.getString("seasons")).stream()
                            .map(SeasonWindow::parse)
                            .toList(),
                    split(rs.getString("districts")),
                    rs.getBoolean("is_member"),
                    rs.getString("chief_rep"),
                    rs.getBoolean("active")),
            rs.getInt("version"));

    private static final RowMapper<Versioned<Zone>> ZONE = (rs, n) -> new Versioned<>(
            new Zone(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"), rs.getString("platform")),
            rs.getInt("version"));

    private static final RowMapper<Versioned<Seat>> SEAT = (rs, n) -> new Versioned<>(seat(rs), rs.getInt("version"));

    private final JdbcClient jdbc;
    private final Clock clock;

    AgencyRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<Versioned<Agency>> agencies() {
        return jdbc.sql("SELECT * FROM agency ORDER BY code").query(AGENCY).list();
    }

    Optional<Versioned<Agency>> agency(String code) {
        return jdbc.sql("SELECT * FROM agency WHERE code = ?")
                .param(code)
                .query(AGENCY)
                .optional();
    }

    /**
     * Which of the codes name an active agency; locks their rows (in the order of their codes)
     * until the transaction ends.
     */
    Set<String> lockActive(SortedSet<String> codes) {
        if (codes.isEmpty()) {
            return Set.of();
        }
        String marks = String.join(", ", Collections.nCopies(codes.size(), "?"));
        List<String> active = new ArrayList<>();
        jdbc.sql("SELECT code, active FROM agency WHERE code IN (" + marks + ") ORDER BY code FOR UPDATE")
                .params(new ArrayList<>(codes))
                .query(rs -> {
                    if (rs.getBoolean("active")) {
                        active.add(rs.getString("code"));
                    }
                });
        return Set.copyOf(active);
    }

    void insert(Agency agency) {
        jdbc.sql(
                        """
                        INSERT INTO agency (code, name_zh, name_en, kind, residency, seasons, districts,
                                            is_member, chief_rep, active, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(
                        agency.code(),
                        agency.nameZh(),
                        agency.nameEn(),
                        agency.kind().name(),
                        agency.residency().name(),
                        join(agency.seasons()),
                        join(agency.districts()),
                        agency.member(),
                        agency.chiefRep(),
                        agency.active())
                .update();
    }

    /** Writes the agency if its row still has {@code version}; false when it does not. */
    boolean update(Agency agency, int version) {
        return jdbc.sql(
                                """
                        UPDATE agency SET name_zh = ?, name_en = ?, kind = ?, residency = ?, seasons = ?,
                               districts = ?, is_member = ?, chief_rep = ?, active = ?, version = version + 1
                        WHERE code = ? AND version = ?""")
                        .params(
                                agency.nameZh(),
                                agency.nameEn(),
                                agency.kind().name(),
                                agency.residency().name(),
                                join(agency.seasons()),
                                join(agency.districts()),
                                agency.member(),
                                agency.chiefRep(),
                                agency.active(),
                                agency.code(),
                                version)
                        .update()
                == 1;
    }

    List<Versioned<Zone>> zones() {
        return jdbc.sql("SELECT * FROM zone ORDER BY code").query(ZONE).list();
    }

    void insert(Zone zone) {
        jdbc.sql("INSERT INTO zone (code, name_zh, name_en, platform, version) VALUES (?, ?, ?, ?, 0)")
                .params(zone.code(), zone.nameZh(), zone.nameEn(), zone.platform())
                .update();
    }

    boolean update(Zone zone, int version) {
        return jdbc.sql(
                                """
                        UPDATE zone SET name_zh = ?, name_en = ?, platform = ?, version = version + 1
                        WHERE code = ? AND version = ?""")
                        .params(zone.nameZh(), zone.nameEn(), zone.platform(), zone.code(), version)
                        .update()
                == 1;
    }

    List<Versioned<Seat>> seats() {
        return jdbc.sql("SELECT * FROM seat ORDER BY code").query(SEAT).list();
    }

    Optional<Versioned<Seat>> seat(String code) {
        return jdbc.sql("SELECT * FROM seat WHERE code = ?")
                .param(code)
                .query(SEAT)
                .optional();
    }

    void insert(Seat seat) {
        jdbc.sql("INSERT INTO seat (code, zone_code, label, role, agency_code, version) VALUES (?, ?, ?, ?, ?, 0)")
                .params(seat.code(), seat.zoneCode(), seat.label(), seat.role().name(), seat.agencyCode())
                .update();
    }

    boolean update(Seat seat, int version) {
        return jdbc.sql(
                                """
                        UPDATE seat SET zone_code = ?, label = ?, role = ?, agency_code = ?, version = version + 1
                        WHERE code = ? AND version = ?""")
                        .params(
                                seat.zoneCode(),
                                seat.label(),
                                seat.role().name(),
                                seat.agencyCode(),
                                seat.code(),
                                version)
                        .update()
                == 1;
    }

    /** Rows and the sum of their versions: changes whenever a row is added or changed (none is deleted). */
    String fingerprint() {
        return count("agency") + "/" + count("zone") + "/" + count("seat");
    }

    private String count(String table) {
        return jdbc.sql("SELECT CAST(COUNT(*) AS VARCHAR) || ':' || CAST(COALESCE(SUM(version), 0) AS VARCHAR) FROM "
                        + table)
                .query(String.class)
                .single();
    }
    /** Appends to the audit trail, in the caller's transaction. */
    void audit(String actor, AuditAction action, String target, String detail) {
        jdbc.sql("INSERT INTO audit_event (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), actor, action.name(), target, Audit.shorten(detail))
                .update();
    }

    private static Seat seat(ResultSet rs) throws SQLException {
        return new Seat(
                rs.getString("code"),
                rs.getString("zone_code"),
                rs.getString("label"),
                Role.valueOf(rs.getString("role")),
                rs.getString("agency_code"));
    }

    private static List<String> split(@Nullable String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(String::strip).toList();
    }

    private static String join(List<?> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
