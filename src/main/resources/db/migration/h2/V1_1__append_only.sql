-- The record and the audit trail are append-only: refuse UPDATE and DELETE at the database.
CREATE TRIGGER incident_event_no_update BEFORE UPDATE ON incident_event
    FOR EACH ROW CALL 'io.liandong.shared.persistence.AppendOnlyTrigger';
CREATE TRIGGER incident_event_no_delete BEFORE DELETE ON incident_event
    FOR EACH ROW CALL 'io.liandong.shared.persistence.AppendOnlyTrigger';
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
    FOR EACH ROW CALL 'io.liandong.shared.persistence.AppendOnlyTrigger';
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    FOR EACH ROW CALL 'io.liandong.shared.persistence.AppendOnlyTrigger';
