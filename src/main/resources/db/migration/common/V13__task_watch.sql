-- When the overdue watch next has something to do with a task: the deadline of its current stage
-- until that is marked overdue, then the time of its next reminder; NULL once the task is final or
-- escalated. The watch reads the earliest first through this index, so it touches only tasks that
-- need it and a backlog larger than one scan reaches every task in turn (before, each scan read the
-- newest tasks past their deadline, whether or not they needed anything, and older ones waited).
ALTER TABLE task ADD COLUMN watch_at TIMESTAMP WITH TIME ZONE;

-- A task reminded already is looked at again now; the watch then sets its next reminder.
UPDATE task SET watch_at = CASE
    WHEN escalated_at IS NOT NULL THEN NULL
    WHEN overdue_stage IS NOT NULL THEN last_reminded_at
    WHEN status = 'ISSUED' THEN acknowledge_due
    WHEN status = 'ACKNOWLEDGED' THEN arrive_due
    WHEN status = 'ARRIVED' THEN complete_due
    END;

CREATE INDEX ix_task_watch ON task (watch_at);
