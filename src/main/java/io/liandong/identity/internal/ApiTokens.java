package io.liandong.identity.internal;

import io.liandong.shared.Sha256;
import io.liandong.shared.web.Problem;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for machine clients. A token is 32 random bytes shown once when issued; only its
 * SHA-256 is stored, so a copy of the database does not give access.
 */
@Service
class ApiTokens {

    static final String PREFIX = "ldt_";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A token just issued: the only time its secret is known. */
    record IssuedToken(long id, String username, String name, String token, Instant createdAt) {}

    /** A token as listed: never its secret or hash. */
    record TokenView(long id, String name, Instant createdAt, @Nullable Instant revokedAt) {}

    @Transactional
    IssuedToken issue(String username, String name) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_token (username, name, token_hash, created_at) VALUES (?, ?, ?, ?)")
                .params(username, name, Sha256.hex(token), AccountRepository.utc(now))
                .update(keys, "id");
        Number id = keys.getKey();
        if (id == null) {
            throw new IllegalStateException("the database returned no id for the new API token of " + username);
        }
        return new IssuedToken(id.longValue(), username, name, token, now);
    }

    /** Revokes a token of {@code username}; revoking twice is harmless. */
    @Transactional
    void revoke(String username, long id) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM api_token WHERE id = ? AND username = ?")
                        .params(id, username)
                        .query(Long.class)
                        .single()
                > 0;
        if (!exists) {
            throw Problem.notFound("API token", id + " of user " + username);
        }
        jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(AccountRepository.utc(clock.instant()), id)
                .update();
    }

    @Transactional(readOnly = true)
    List<TokenView> of(String username) {
        return jdbc.sql("SELECT id, name, created_at, revoked_at FROM api_token WHERE username = ? ORDER BY id")
                .param(username)
                .query((rs, n) -> new TokenView(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("revoked_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)
                                .orElse(null)))
                .list();
    }

    /** The enabled account a live token belongs to, or empty for an unknown or revoked token. */
    @Transactional(readOnly = true)
    Optional<AccountPrincipal> resolve(String token) {
        if (!token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql(
                        """
                        SELECT u.* FROM api_token t JOIN app_user u ON u.username = t.username
                        WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.enabled""")
                .param(Sha256.hex(token))
                .query(AccountRepository.ACCOUNT)
                .optional()
                .map(account -> AccountPrincipal.of(account, clock.instant()));
    }
}
