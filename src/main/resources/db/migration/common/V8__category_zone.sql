-- The hall zone (功能分区) that handles a category's incidents; null takes the parent's zone.
-- An incident's zone and platform follow from its category when read, so they stay right when
-- an administrator moves a category to another zone.
ALTER TABLE category ADD COLUMN zone_code VARCHAR(40);

-- A center that started before this column gets the reference deployment's zones for the
-- reference categories (docs/reference-deployment.md), where those zones exist.
UPDATE category SET zone_code = 'EMERGENCY-LINKAGE', version = version + 1
  WHERE code IN ('NAT', 'ACC', 'PHE') AND EXISTS (SELECT 1 FROM zone WHERE code = 'EMERGENCY-LINKAGE');
UPDATE category SET zone_code = 'POLICE-COMMAND', version = version + 1
  WHERE code IN ('SOC', 'ACC-ROAD-CRASH', 'ACC-ROAD-MINOR') AND EXISTS (SELECT 1 FROM zone WHERE code = 'POLICE-COMMAND');
UPDATE category SET zone_code = 'GOVERNANCE-LINKAGE', version = version + 1
  WHERE code = 'SVC' AND EXISTS (SELECT 1 FROM zone WHERE code = 'GOVERNANCE-LINKAGE');
