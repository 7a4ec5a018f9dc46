-- Console sessions (people logged in with the form) live in the database, so that every node of
-- a center answers the same session and a restarted node does not log the hall out. Spring
-- Session's JDBC repository reads and writes these two tables (spring.session.jdbc.table-name);
-- their columns are the ones it expects. Times are epoch milliseconds.
CREATE TABLE console_session (
    primary_id            CHAR(36)     NOT NULL,
    session_id            CHAR(36)     NOT NULL,
    creation_time         BIGINT       NOT NULL,
    last_access_time      BIGINT       NOT NULL,
    max_inactive_interval INT          NOT NULL,
    expiry_time           BIGINT       NOT NULL,
    principal_name        VARCHAR(100),
    CONSTRAINT console_session_pk PRIMARY KEY (primary_id)
);

CREATE UNIQUE INDEX console_session_by_id ON console_session (session_id);
CREATE INDEX console_session_by_expiry ON console_session (expiry_time);
CREATE INDEX console_session_by_principal ON console_session (principal_name);

-- One row per session attribute (the logged-in user's security context), Java-serialised.
CREATE TABLE console_session_attributes (
    session_primary_id CHAR(36)     NOT NULL,
    attribute_name     VARCHAR(200) NOT NULL,
    attribute_bytes    BYTEA        NOT NULL,
    CONSTRAINT console_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT console_session_attributes_session FOREIGN KEY (session_primary_id)
        REFERENCES console_session (primary_id) ON DELETE CASCADE
);
