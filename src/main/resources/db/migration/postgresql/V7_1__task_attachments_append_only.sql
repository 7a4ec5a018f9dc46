-- A task's photos are evidence, like the record: refuse UPDATE and DELETE at the database.
CREATE TRIGGER task_attachment_append_only BEFORE UPDATE OR DELETE ON task_attachment
    FOR EACH ROW EXECUTE FUNCTION liandong_refuse_change();
