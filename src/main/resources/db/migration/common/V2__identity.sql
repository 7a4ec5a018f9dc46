-- Identity: lock-out counts failed logins within a window that starts at the first failure.
ALTER TABLE app_user ADD COLUMN first_failed_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX ix_api_token_username ON api_token (username);
CREATE INDEX ix_audit_action ON audit_event (action, at);
