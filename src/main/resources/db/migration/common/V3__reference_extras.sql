-- Reference data extras (catalog, agency, plan modules).
-- divert: a non-police category whose reports go straight to the owner agency as a task
-- (false for non-police emergencies such as a medical call, which open an incident).
ALTER TABLE category ADD COLUMN divert BOOLEAN NOT NULL DEFAULT FALSE;

-- is_member: one of the member agencies (联动单位) that sit in the hall, as opposed to units
-- dispatched from it (police sub-bureaus, fire brigade, 120, other utilities).
ALTER TABLE agency ADD COLUMN is_member BOOLEAN NOT NULL DEFAULT FALSE;
