/*
description: >
  Each finding of this build (marts.anomalies) that names an employer, with the status the auditors gave
  it in the findings register: the latest disposition by its time (then by when it was recorded), as the
  register itself decides it (pipelines/findings/dispositions.ts), open while it has none. The register is
  folded after the models are built, so a build reads the dispositions recorded up to its start: one made
  after a build counts from the next (audit.finding_dispositions is in this model's fingerprint, so that
  build rebuilds the score). Whether a finding counts towards the risk score follows from the status:
  open and confirmed do; false_positive, exempt and resolved do not. A view (the score reads it once per
  build; storing 2.5 million findings again cost more than reading them): read after a build, it shows the
  dispositions as they are then, which core.risk_scores will count from the next build.
description_ar: >
  كل ملاحظة رقابية في هذا البناء تخص منشأة، مع حالة معالجتها في سجل الملاحظات (آخر قرار بحسب وقته)،
  وهل تُحتسب في درجة المخاطر: القائمة والمؤكدة تُحتسب، والإيجابية الكاذبة والمستثناة والمعالجة لا تُحتسب.
grain: one row per anomaly_id
materialized: view
columns:
  anomaly_id:
    description: The finding (marts.anomalies).
    description_ar: الملاحظة.
  employer_id:
    description: Employer concerned.
    description_ar: المنشأة المعنية.
  rule:
    description: Detector that raised it.
    description_ar: الكاشف الذي أثارها.
  period:
    description: Month the finding is about (YYYY-MM), null when it has none.
    description_ar: الشهر الذي تخصه الملاحظة، فارغ إن لم يكن لها شهر.
  severity:
    description: low, medium, high or critical.
    description_ar: درجة الخطورة.
  status:
    description: open, confirmed, false_positive, resolved or exempt (the register's latest disposition).
    description_ar: حالة المعالجة في سجل الملاحظات.
  counts:
    description: The finding counts towards the risk score (status open or confirmed).
    description_ar: تُحتسب الملاحظة في درجة المخاطر (قائمة أو مؤكدة).
  counts_from:
    description: "First date the finding counts: the last day of its month; null (every date) when it has no month."
    description_ar: أول تاريخ تُحتسب فيه الملاحظة (آخر يوم من شهرها)؛ فارغ إن لم يكن لها شهر.
tests:
  # a view: a test computes it again, so only what this model decides is tested. One row per finding and the
  # finding's own columns are marts.anomalies' (unique and not null there); employer_id is kept only when named;
  # status and counts are never null (open without a disposition)
  - accepted_values: {column: status, values: [open, confirmed, false_positive, resolved, exempt]}
*/
WITH latest AS (
  SELECT anomaly_id, arg_max(status, (disposed_at, recorded_at)) AS status
  FROM audit.finding_dispositions
  GROUP BY anomaly_id
)
SELECT
  a.anomaly_id, a.employer_id, a.rule, a.period, a.severity,
  coalesce(l.status, 'open') AS status,
  coalesce(l.status, 'open') IN ('open', 'confirmed') AS counts,
  last_day(CAST(strptime(a.period || '-01', '%Y-%m-%d') AS DATE)) AS counts_from
FROM marts.anomalies AS a
LEFT JOIN latest AS l ON l.anomaly_id = a.anomaly_id
WHERE a.employer_id IS NOT NULL
