-- identity: a successful form login gives back the attempt it was counted as
-- (io.liandong.identity.internal.LoginAttempts#giveBack), so an address's count may drop to
-- zero within its period.
ALTER TABLE login_attempt DROP CONSTRAINT login_attempt_counted;
ALTER TABLE login_attempt ADD CONSTRAINT login_attempt_counted CHECK (attempts >= 0);
