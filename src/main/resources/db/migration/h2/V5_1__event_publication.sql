-- The outbox: Spring Modulith 2.0's JDBC event publication registry (schema v2), created here
-- rather than by Modulith (spring.modulith.events.jdbc.schema-initialization.enabled=false).
-- Used only with liandong.kafka.enabled=true; completed publications are deleted.
-- serialized_event is wider than Modulith's own H2 schema: a record entry's detail alone may be
-- 8,000 characters.
CREATE TABLE event_publication (
    id                      UUID          NOT NULL PRIMARY KEY,
    listener_id             VARCHAR(512)  NOT NULL,
    event_type              VARCHAR(512)  NOT NULL,
    serialized_event        VARCHAR(65536) NOT NULL,
    publication_date        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    completion_date         TIMESTAMP(9) WITH TIME ZONE,
    status                  VARCHAR(20),
    completion_attempts     INT,
    last_resubmission_date  TIMESTAMP(9) WITH TIME ZONE
);
CREATE INDEX event_publication_by_listener_id_and_serialized_event_idx
    ON event_publication (listener_id, serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
