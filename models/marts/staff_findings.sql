/*
description: >
  Which staff user each finding is about: the user a staff detector names in its evidence (created_by
  for self-approved adjustments and split credits, waived_by for fee waivers, posted_by for manual
  postings, each change's `by` for back-dated and after-hours wage changes) and the user of a Benford
  test at the staff level. A detector about staff names its user under one of these keys, so the Staff
  page and the Findings page's user filter pick it up.
description_ar: المستخدم من الموظفين الذي تخصّه كل ملاحظة، كما يسمّيه الكاشف في أدلته.
grain: one row per anomaly_id × user_id
materialized: table
columns:
  anomaly_id:
    description: The finding (marts.anomalies).
    description_ar: الملاحظة.
  rule:
    description: Its detector.
    description_ar: الكاشف.
  user_id:
    description: Staff user it names.
    description_ar: المستخدم من الموظفين.
tests:
  - unique: [anomaly_id, user_id]
  - not_null: [anomaly_id, rule, user_id]
  - relationships: {column: anomaly_id, to: marts.anomalies}
  - relationships: {column: user_id, to: marts.staff_activity}
*/
WITH named AS (
  SELECT anomaly_id, rule, evidence ->> 'created_by' AS user_id FROM marts.anomalies
  UNION ALL SELECT anomaly_id, rule, evidence ->> 'waived_by' FROM marts.anomalies
  UNION ALL SELECT anomaly_id, rule, evidence ->> 'posted_by' FROM marts.anomalies
  UNION ALL
  SELECT anomaly_id, rule, unnest(from_json(evidence -> 'changes', '[{"by": "VARCHAR"}]')).by FROM marts.anomalies
  WHERE json_type(evidence -> 'changes') = 'ARRAY'
  UNION ALL SELECT anomaly_id, rule, evidence ->> 'group_id' FROM marts.anomalies WHERE entity = 'staff'
)
-- the keys also name systems (a payment posted by SADAD): only staff users are kept
SELECT DISTINCT anomaly_id, rule, user_id FROM named WHERE user_id IN (SELECT user_id FROM marts.staff_activity)
