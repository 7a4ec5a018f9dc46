-- interop: one publication now holds every entry of a transaction (up to 100), so its serialized
-- event may be many times 8,000 characters: as wide as H2 allows, like PostgreSQL's TEXT.
ALTER TABLE event_publication ALTER COLUMN serialized_event SET DATA TYPE VARCHAR(1000000000);
