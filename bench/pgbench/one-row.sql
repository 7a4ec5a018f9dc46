-- A plain 1-row transaction (DESIGN.md §6): one INSERT, committed on its own.
\set n random(1, 1000000000)
INSERT INTO plain_row (n, at, payload) VALUES (:n, now(), 'plain row of about sixty bytes of payload text, for comparison');
