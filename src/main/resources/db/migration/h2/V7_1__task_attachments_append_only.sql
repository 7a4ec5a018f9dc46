-- A task's photos are evidence, like the record: refuse UPDATE and DELETE at the database.
CREATE TRIGGER task_attachment_no_update BEFORE UPDATE ON task_attachment
    FOR EACH ROW CALL 'io.liandong.shared.persistence.AppendOnlyTrigger';
CREATE TRIGGER task_attachment_no_delete BEFORE DELETE ON task_attachment
    FOR EACH ROW CALL 'io.liandong.shared.persistence.AppendOnlyTrigger';
