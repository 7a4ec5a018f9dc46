-- intake: an Idempotency-Key belongs to the user who sent it. Two clients that happen to pick the
-- same key store two reports; one client's retry with its own key still finds its first answer.
ALTER TABLE report DROP CONSTRAINT uq_report_idempotency;
ALTER TABLE report ADD CONSTRAINT uq_report_creator_idempotency UNIQUE (created_by, idempotency_key);
