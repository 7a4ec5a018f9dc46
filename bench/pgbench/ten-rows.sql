-- A plain 10-row transaction (DESIGN.md §6): ten single-row INSERTs, one COMMIT.
\set n random(1, 1000000000)
BEGIN;
INSERT INTO plain_row (n, at, payload) VALUES (:n, now(), 'plain row of about sixty bytes of payload text, for comparison');
INSERT INTO plain_row (n, at, payload) VALUES (:n, now(), 'plain row of about sixty bytes of payload text, for comparison');
INSERT INTO plain_row (n, at, payload) VALUES (:n, now(), 'plain row of about sixty bytes of payload text, for comparison');
INSERT INTO plain_row (n, at, payload) VALUES (:n, now(), 'plain row of about sixty bytes of payload text, for comparison');
INSERT INTO plain_row (n, at, payload) VALUES (:n, now(), 'plain row of about sixty bytes of payload text, for comparison');
INSERT INTO plain_row (n, at, payload) VALUES (:n, now(), 'plain row of about sixty bytes of payload text, for comparison');
INSERT INTO plain_row (n, at, payload) VALUES (:n, now(), 'plain row of about sixty bytes of payload text, for comparison');
INSERT INTO plain_row (n, at, payload) VALUES (:n, now(), 'plain row of about sixty bytes of payload text, for comparison');
INSERT INTO plain_row (n, at, payload) VALUES (:n, now(), 'plain row of about sixty bytes of payload text, for comparison');
INSERT INTO plain_row (n, at, payload) VALUES (:n, now(), 'plain row of about sixty bytes of payload text, for comparison');
COMMIT;
