package io.liandong.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells a failure because the database cannot be reached (no connection within the pool's wait,
 * connection refused or lost, the server shutting down) from every other failure: such a request
 * is answered 503 {@code database-unavailable}, to be tried again, not 500.
 */
public final class DatabaseOutage {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    /** Seconds a client is told to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** The problem's type slug, title and detail. */
    public static final String TYPE = "database-unavailable";

    public static final String TITLE = "Database unavailable";
    public static final String DETAIL = "the center cannot reach its database at the moment; try again shortly";

    private DatabaseOutage() {}

    /**
     * Answers a request that failed because the database cannot be reached: 503 with
     * {@code Retry-After} and the problem body, and one WARN line naming the request and the failure.
     */
    public static void answer(
            JsonMapper json, HttpServletRequest request, HttpServletResponse response, Throwable failure)
            throws IOException {
        log.warn(
                "Answered {} {} with 503: the database cannot be reached ({})",
                request.getMethod(),
                request.getRequestURI(),
                failure.toString());
        response.resetBuffer();
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        ProblemBodies.write(
                json,
                response,
                HttpStatus.SERVICE_UNAVAILABLE,
                TYPE,
                TITLE,
                DETAIL,
                Map.of("instance", request.getRequestURI()));
    }

    /** Whether {@code failure} or any of its causes says the database cannot be reached. */
    public static boolean causedBy(@Nullable Throwable failure) {
        return causedBy(failure, new IdentityHashMap<>());
    }

    private static boolean causedBy(@Nullable Throwable failure, Map<Throwable, Boolean> seen) {
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            // A rollback that failed too hides the first failure, the one that says why.
            if (t instanceof TransactionSystemException rollback
                    && rollback.getApplicationException() != null
                    && causedBy(rollback.getApplicationException(), seen)) {
                return true;
            }
            // A commit or rollback the connection could not carry out, with no error the driver could
            // name: the pool's connection is closed under it (it was evicted after a broken commit).
            if (t instanceof TransactionSystemException && t.getCause() instanceof SQLException) {
                return true;
            }
            if (t instanceof CannotGetJdbcConnectionException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLException sql && connectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 08 (connection exception), or PostgreSQL's shutdown and start-up states. */
    private static boolean connectionState(@Nullable String state) {
        return state != null
                && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }
}
