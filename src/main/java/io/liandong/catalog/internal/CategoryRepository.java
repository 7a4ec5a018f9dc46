package io.liandong.catalog.internal;

import io.liandong.catalog.Category;
import io.liandong.shared.AuditAction;
import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Hand-written SQL on the category table, and the audit rows its changes write. */
@Repository
public class CategoryRepository {

    /** Keywords are stored in one column, separated by this character (which keywords may not contain). */
    static final String KEYWORD_SEPARATOR = "|";

    private static final RowMapper<Versioned<Category>> CATEGORY = (rs, n) -> new Versioned<>(
            new Category(
                    rs.getString("code"),
                    rs.getString("parent_code"),
                    rs.getString("name_zh"),
                    rs.getString("name_en"),
                    rs.getBoolean("police"),
                    rs.getBoolean("divert"),
                    Priority.valueOf(rs.getString("default_priority")),
                    Severity.valueOf(rs.getString("default_severity")),
                    rs.getString("owner_agency"),
                    keywords(rs.getString("keywords")),
                    rs.getString("zone_code")),
            rs.getInt("version"));

    private final JdbcClient jdbc;
    private final Clock clock;

    CategoryRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<Versioned<Category>> categories() {
        return jdbc.sql("SELECT * FROM category ORDER BY code").query(CATEGORY).list();
    }

    Optional<Versioned<Category>> category(String code) {
        return jdbc.sql("SELECT * FROM category WHERE code = ?")
                .param(code)
                .query(CATEGORY)
                .optional();
    }

    void insert(Category category) {
        jdbc.sql(
                        """
                        INSERT INTO category (code, parent_code, name_zh, name_en, police, divert, default_priority,
                                              default_severity, owner_agency, keywords, zone_code, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(
                        category.code(),
                        category.parentCode(),
                        category.nameZh(),
                        category.nameEn(),
                        category.police(),
                        category.divert(),
                        category.defaultPriority().name(),
                        category.defaultSeverity().name(),
                        category.ownerAgency(),
                        String.join(KEYWORD_SEPARATOR, category.keywords()),
                        category.zoneCode())
                .update();
    }

    /** Writes the category if its row still has {@code version}; false when it does not. */
    boolean update(Category category, int version) {
        return jdbc.sql(
                                """
                        UPDATE category SET parent_code = ?, name_zh = ?, name_en = ?, police = ?, divert = ?,
                               default_priority = ?, default_severity = ?, owner_agency = ?, keywords = ?,
                               zone_code = ?, version = version + 1
                        WHERE code = ? AND version = ?""")
                        .params(
                                category.parentCode(),
                                category.nameZh(),
                                category.nameEn(),
                                category.police(),
                                category.divert(),
                                category.defaultPriority().name(),
                                category.defaultSeverity().name(),
                                category.ownerAgency(),
                                String.join(KEYWORD_SEPARATOR, category.keywords()),
                                category.zoneCode(),
                                category.code(),
                                version)
                        .update()
                == 1;
    }

    /** Rows and the sum of their versions: changes whenever a row is added or changed (none is deleted). */
    String fingerprint() {
        return count("category");
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

    private static List<String> keywords(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(joined.split("\\" + KEYWORD_SEPARATOR))
                .filter(k -> !k.isBlank())
                .toList();
    }
}
