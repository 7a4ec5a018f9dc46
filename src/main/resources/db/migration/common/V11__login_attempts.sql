-- identity: login throttling counts in the database, so that every node of a center shares one
-- count per remote address (io.liandong.identity.internal.LoginAttempts). One row per address:
-- when its current period began and how many attempts it has made since (times are epoch
-- milliseconds). An address is at most 45 characters (an IPv6 address with an embedded IPv4
-- one); a longer remote address is stored as a hash of it. Rows whose period has ended are
-- deleted by the nodes as they count.
CREATE TABLE login_attempt (
    address      VARCHAR(45) NOT NULL,
    window_start BIGINT      NOT NULL,
    attempts     INT         NOT NULL,
    CONSTRAINT login_attempt_pk PRIMARY KEY (address),
    CONSTRAINT login_attempt_counted CHECK (attempts > 0)
);

CREATE INDEX login_attempt_by_window ON login_attempt (window_start);
