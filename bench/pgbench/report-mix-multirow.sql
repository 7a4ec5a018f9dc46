-- The same rows as report-mix.sql, in the statements Liandong has used since commit da12ca1: a
-- report's record entries in one multi-row INSERT just before COMMIT, and a plan's tasks in one
-- multi-row INSERT. What a raw client that combines rows the way Liandong does would send. Weights
-- as in report-mix.sql (-D w_one=.. -D w_plan=.. -D w_merge=..).
\set lat random(413000, 418000)
\set lon random(1199000, 1208000)
\set target random(1, 1000)
\set pick random(1, :w_one + :w_plan + :w_merge)
\if :pick <= :w_one
BEGIN;
INSERT INTO incident (kind, category_code, priority, severity, status, title, address, lat, lon, district_code,
  opened_at, last_report_at, plan_code, in_command, report_count, drill, version)
  VALUES ('SERVICE', 'SVC-NOISE', 'P3', 'IV', 'OPEN', '噪音扰民 双塔区新华路 12 号', '双塔区新华路 12 号',
  :lat / 10000.0, :lon / 10000.0, NULL, now(), now(), NULL, 'COMMANDER', 1, FALSE, 0) RETURNING id \gset
INSERT INTO task (incident_id, agency_code, instructions, priority, status, plan_code, diverted, drill, issued_at,
  acknowledge_due, arrive_due, complete_due, version)
  VALUES (:id, 'LAW-ENFORCEMENT', '楼下烧烤店每天夜里噪音太大，吵得睡不着（12 号楼 3 单元）', 'P3', 'ISSUED', NULL, TRUE,
  FALSE, now(), now() + interval '15 minutes', now() + interval '2 hours', now() + interval '2 days', 0)
  RETURNING id AS task_id \gset
INSERT INTO report (channel, received_at, caller_number, caller_name, address, lat, lon, district_code, text,
  category_code, suggested_category, confidence, priority, severity, outcome, incident_id, drill, external_ref,
  created_by, created_at, idempotency_key, request_hash, response)
  VALUES ('110', now(), '13812345678', NULL, '双塔区新华路 12 号', :lat / 10000.0, :lon / 10000.0, NULL,
  '楼下烧烤店每天夜里噪音太大，吵得睡不着（12 号楼 3 单元）', 'SVC-NOISE', 'SVC-NOISE', 0.9, 'P3', 'IV', 'DIVERTED',
  :id, FALSE, 'LG-raw-1', 'admin', now(), 'raw-' || :id, repeat('a', 64),
  '{"reportId": 0,"outcome": "DIVERTED","incidentId": ' || :id || ',"category": "SVC-NOISE","categoryName": "噪音扰民","suggestion": {"category": "SVC-NOISE","confidence": 0.9},"priority": "P3","severity": "IV","taskIds": [' || :task_id || '],"leaderNotified": false}');
INSERT INTO incident_event (incident_id, occurred_at, recorded_at, actor, seat, type, task_id, agency_code, reason, detail)
  VALUES (:id, now(), now(), 'admin', NULL, 'REPORT_RECEIVED', NULL, NULL, NULL,
  '110 [LG-raw-1]: 楼下烧烤店每天夜里噪音太大，吵得睡不着（12 号楼 3 单元）'),
  (:id, now(), now(), 'admin', NULL, 'REPORT_DIVERTED', NULL, NULL, NULL,
  'diverted to LAW-ENFORCEMENT as non-police SVC-NOISE'),
  (:id, now(), now(), 'admin', NULL, 'TASK_ISSUED', :task_id, 'LAW-ENFORCEMENT', NULL,
  '楼下烧烤店每天夜里噪音太大，吵得睡不着（12 号楼 3 单元）');
COMMIT;
\elif :pick <= :w_one + :w_plan
BEGIN;
INSERT INTO incident (kind, category_code, priority, severity, status, title, address, lat, lon, district_code,
  opened_at, last_report_at, plan_code, in_command, report_count, drill, version)
  VALUES ('EMERGENCY', 'SOC-SUICIDE-GAS', 'P1', 'III', 'OPEN', '燃气轻生 双塔区新华路 12 号', '双塔区新华路 12 号',
  :lat / 10000.0, :lon / 10000.0, NULL, now(), now(), 'PLAN-GAS-SUICIDE', 'COMMANDER', 1, FALSE, 0) RETURNING id \gset
-- the four tasks in one statement; their ids, in order, as one text array for the statements below
WITH t AS (
  INSERT INTO task (incident_id, agency_code, instructions, priority, status, plan_code, diverted, drill, issued_at,
    acknowledge_due, arrive_due, complete_due, version)
  VALUES (:id, 'POLICE-SHUANGTA', '立即到场救出当事人；关闭燃气阀门、开窗通风；逐户通知住户断电，禁止明火和开关电器', 'P1', 'ISSUED', 'PLAN-GAS-SUICIDE', FALSE,
    FALSE, now(), now() + interval '2 minutes', now() + interval '10 minutes', now() + interval '2 hours', 0),
    (:id, 'FIRE-BRIGADE', '协助将当事人抬出交120；在就近消火栓旁出水待命', 'P1', 'ISSUED', 'PLAN-GAS-SUICIDE', FALSE,
    FALSE, now(), now() + interval '2 minutes', now() + interval '10 minutes', now() + interval '2 hours', 0),
    (:id, 'EMS-120', '现场救治当事人并转运医院', 'P1', 'ISSUED', 'PLAN-GAS-SUICIDE', FALSE,
    FALSE, now(), now() + interval '2 minutes', now() + interval '10 minutes', now() + interval '2 hours', 0),
    (:id, 'GAS-CO', '检测室内及楼道甲烷浓度；关闭楼栋供气；确认安全后恢复供气', 'P1', 'ISSUED', 'PLAN-GAS-SUICIDE', FALSE,
    FALSE, now(), now() + interval '2 minutes', now() + interval '10 minutes', now() + interval '2 hours', 0)
  RETURNING id)
SELECT array_agg(id ORDER BY id)::text AS tasks FROM t \gset
INSERT INTO notification (incident_id, task_id, recipient, kind, message, created_at)
  VALUES (:id, NULL, 'LEADER', 'SERIOUS_INCIDENT', '燃气轻生 双塔区新华路 12 号（III 级 P1）', now());
INSERT INTO report (channel, received_at, caller_number, caller_name, address, lat, lon, district_code, text,
  category_code, suggested_category, confidence, priority, severity, outcome, incident_id, drill, external_ref,
  created_by, created_at, idempotency_key, request_hash, response)
  VALUES ('110', now(), '13812345678', NULL, '双塔区新华路 12 号', :lat / 10000.0, :lon / 10000.0, NULL,
  '居民在家中打开燃气阀门轻生，楼道里有煤气味（12 号楼 3 单元）', 'SOC-SUICIDE-GAS', 'SOC-SUICIDE-GAS', 0.92, 'P1', 'III',
  'INCIDENT_OPENED', :id, FALSE, 'LG-raw-1', 'admin', now(), 'raw-' || :id, repeat('a', 64),
  '{"reportId": 0,"outcome": "INCIDENT_OPENED","incidentId": ' || :id || ',"category": "SOC-SUICIDE-GAS","categoryName": "燃气轻生","suggestion": {"category": "SOC-SUICIDE-GAS","confidence": 0.92},"priority": "P1","severity": "III","plan": "PLAN-GAS-SUICIDE","taskIds": ' || translate(:tasks, '{}', '[]') || ',"leaderNotified": true}');
INSERT INTO incident_event (incident_id, occurred_at, recorded_at, actor, seat, type, task_id, agency_code, reason, detail)
  VALUES (:id, now(), now(), 'admin', NULL, 'REPORT_RECEIVED', NULL, NULL, NULL,
  '110 [LG-raw-1]: 居民在家中打开燃气阀门轻生，楼道里有煤气味（12 号楼 3 单元）'),
  (:id, now(), now(), 'admin', NULL, 'INCIDENT_OPENED', NULL, NULL, NULL, 'SOC-SUICIDE-GAS P1 severity III'),
  (:id, now(), now(), 'admin', NULL, 'PLAN_ACTIVATED', NULL, NULL, NULL, 'PLAN-GAS-SUICIDE 燃气轻生处置预案'),
  (:id, now(), now(), 'admin', NULL, 'TASK_ISSUED', (:tasks::bigint[])[1], 'POLICE-SHUANGTA', NULL,
  '立即到场救出当事人；关闭燃气阀门、开窗通风；逐户通知住户断电，禁止明火和开关电器'),
  (:id, now(), now(), 'admin', NULL, 'TASK_ISSUED', (:tasks::bigint[])[2], 'FIRE-BRIGADE', NULL,
  '协助将当事人抬出交120；在就近消火栓旁出水待命'),
  (:id, now(), now(), 'admin', NULL, 'TASK_ISSUED', (:tasks::bigint[])[3], 'EMS-120', NULL, '现场救治当事人并转运医院'),
  (:id, now(), now(), 'admin', NULL, 'TASK_ISSUED', (:tasks::bigint[])[4], 'GAS-CO', NULL,
  '检测室内及楼道甲烷浓度；关闭楼栋供气；确认安全后恢复供气'),
  (:id, now(), now(), 'admin', NULL, 'LEADER_NOTIFIED', NULL, NULL, NULL, 'severity III');
COMMIT;
\else
BEGIN;
UPDATE incident SET report_count = report_count + 1, last_report_at = now() WHERE id = :target;
INSERT INTO report (channel, received_at, caller_number, caller_name, address, lat, lon, district_code, text,
  category_code, suggested_category, confidence, priority, severity, outcome, incident_id, drill, external_ref,
  created_by, created_at, idempotency_key, request_hash, response)
  VALUES ('110', now(), '13812345678', NULL, '双塔区新华路 12 号', :lat / 10000.0, :lon / 10000.0, NULL,
  '电动车在楼下被偷了（12 号楼 3 单元）', 'SOC-THEFT', 'SOC-THEFT', 0.8, 'P3', 'IV', 'MERGED',
  :target, FALSE, 'LG-raw-1', 'admin', now(), 'raw-m-' || :target || '-' || :client_id || '-' || (random() * 1e15)::bigint,
  repeat('a', 64),
  '{"reportId": 0,"outcome": "MERGED","incidentId": ' || :target || ',"category": "SOC-THEFT","categoryName": "盗窃","suggestion": {"category": "SOC-THEFT","confidence": 0.8},"priority": "P3","severity": "IV","taskIds": [],"leaderNotified": false}');
INSERT INTO incident_event (incident_id, occurred_at, recorded_at, actor, seat, type, task_id, agency_code, reason, detail)
  VALUES (:target, now(), now(), 'admin', NULL, 'REPORT_RECEIVED', NULL, NULL, NULL,
  '110 [LG-raw-1]: 电动车在楼下被偷了（12 号楼 3 单元）'),
  (:target, now(), now(), 'admin', NULL, 'REPORT_MERGED', NULL, NULL, NULL, 'report #2 merged into incident');
COMMIT;
\endif
