-- The outbox: Spring Modulith 2.0's JDBC event publication registry (schema v2), created here
-- rather than by Modulith (spring.modulith.events.jdbc.schema-initialization.enabled=false).
-- Used only with liandong.kafka.enabled=true; completed publications are deleted.
CREATE TABLE event_publication (
    id                      UUID        NOT NULL PRIMARY KEY,
    listener_id             TEXT        NOT NULL,
    event_type              TEXT        NOT NULL,
    serialized_event        TEXT        NOT NULL,
    publication_date        TIMESTAMP WITH TIME ZONE NOT NULL,
    completion_date         TIMESTAMP WITH TIME ZONE,
    status                  TEXT,
    completion_attempts     INT,
    last_resubmission_date  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
