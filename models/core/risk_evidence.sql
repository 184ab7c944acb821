/*
description: >
  The evidence behind each employer's risk score, per employer and date (every month-end and the as-of
  date: the dates and employers of marts.arrears_ageing), each value as it stood on that date so that a
  score at a past month-end uses nothing learnt later. Arrears: severity, past due and the days past due
  of the oldest past-due item at D. Over the lookback (risk.lookback_months months up to D): billing
  (core.kpi_measures, by the month issued), the contribution invoices due (core.compliance_invoices: paid
  in full by the due date, and days late, counted up to D for one still open at D), payments reversed
  (staging.stg_payments.reversed_on), months whose end falls in the lookback with a wage not declared or
  declared late (core.compliance_declarations), objections submitted (marts.dispute_lifecycle) and of
  those decided by D the ones rejected. Findings: the open or confirmed findings of the register whose
  month ended by D (core.risk_findings). Contributors engaged in the last month ended by D.
description_ar: >
  الأدلة التي تقوم عليها درجة مخاطر كل منشأة في كل نهاية شهر وفي التاريخ المرجعي، كل قيمة كما كانت في
  ذلك التاريخ: المتأخرات وعمر أقدم بند متأخر، والفوترة وسلوك السداد والدفعات الملغاة والالتزام بالتصريح
  والاعتراضات خلال فترة المراجعة، والملاحظات الرقابية القائمة أو المؤكدة، وعدد المشتركين.
grain: one row per employer_id and as_of
# read once, by core.risk_scores, which stores these columns beside the points: a view, not a table written
# and read back; it reads no build variable, so the lookback comes from core.risk_caps
materialized: view
columns:
  employer_id: { same_as: marts.arrears_ageing }
  as_of: { same_as: marts.arrears_ageing }
  severity:
    description: Arrears severity at D (marts.arrears_ageing).
    description_ar: درجة خطورة المتأخرات في التاريخ.
  past_due:
    description: Past-due open amount at D, SAR.
    description_ar: المتأخرات في التاريخ، بالريال.
  oldest_days_past_due:
    description: Days past due of the oldest past-due item at D (0 when nothing is past due beyond the tolerance).
    description_ar: أيام تأخر أقدم بند متأخر (صفر إن لم توجد متأخرات فوق حد التسامح).
  billed_lookback:
    description: Invoices issued in the lookback's months (contribution and late fee, less cancellations), SAR.
    description_ar: الفواتير الصادرة في أشهر فترة المراجعة، بالريال.
  invoices_due:
    description: Contribution invoices due in the lookback (due_on after D − lookback, on or before D).
    description_ar: فواتير الاشتراكات المستحقة في فترة المراجعة.
  invoices_paid_late:
    description: Of those, the ones not paid in full by their due date.
    description_ar: منها ما لم يُسدَّد بالكامل حتى تاريخ استحقاقه.
  days_late_total:
    description: Their days late summed, each counted up to D while it is still open then.
    description_ar: مجموع أيام تأخرها، وما بقي قائمًا تُحسب أيامه حتى التاريخ.
  reversed_payments:
    description: Payments reversed in the lookback.
    description_ar: الدفعات الملغاة في فترة المراجعة.
  months_not_compliant:
    description: Months ended in the lookback with an engaged contributor's wage not declared or declared after the month.
    description_ar: الأشهر المنتهية في فترة المراجعة التي لم يُصرَّح فيها عن أجر مشترك أو صُرّح عنه بعد نهاية الشهر.
  findings_open:
    description: Open findings counted at D.
    description_ar: الملاحظات القائمة المحتسبة في التاريخ.
  findings_confirmed:
    description: Confirmed findings counted at D.
    description_ar: الملاحظات المؤكدة المحتسبة في التاريخ.
  findings_low:
    description: Counted findings (open or confirmed) of severity low.
    description_ar: الملاحظات المحتسبة منخفضة الخطورة.
  findings_medium:
    description: Counted findings of severity medium.
    description_ar: الملاحظات المحتسبة متوسطة الخطورة.
  findings_high:
    description: Counted findings of severity high.
    description_ar: الملاحظات المحتسبة عالية الخطورة.
  findings_critical:
    description: Counted findings of severity critical.
    description_ar: الملاحظات المحتسبة حرجة الخطورة.
  finding_rules:
    description: The rules of the counted findings, in alphabetical order.
    description_ar: قواعد الملاحظات المحتسبة مرتبة أبجديًا.
  objections:
    description: Objections submitted in the lookback.
    description_ar: الاعتراضات المقدمة في فترة المراجعة.
  objections_decided:
    description: Of those, decided by D.
    description_ar: منها ما بُتّ فيه حتى التاريخ.
  objections_rejected:
    description: Of those decided, rejected.
    description_ar: منها ما رُفض.
  contributors:
    description: Contributors engaged in the last month ended by D (0 when none).
    description_ar: المشتركون في آخر شهر انتهى حتى التاريخ.
# no tests of its own: a test of a view computes the view again. Its key is marts.arrears_ageing's (unique and
# not null there) and every count is coalesced; the counts' order (late ≤ due, rejected ≤ decided ≤ submitted)
# is tested on core.risk_scores, which stores them.
*/
WITH population AS (
  SELECT employer_id, as_of, severity, past_due,
    CASE WHEN severity = 'none' THEN 0 ELSE greatest(coalesce(max_days_past_due, 0), 0) END AS oldest_days_past_due
  FROM marts.arrears_ageing
),
dates AS (
  -- each date's lookback starts after `since`; `last_month` is the last month ended by the date
  SELECT as_of, CAST(as_of - to_months((SELECT lookback_months FROM core.risk_caps)) AS DATE) AS since,
    strftime(CASE WHEN last_day(as_of) = as_of THEN as_of ELSE CAST(date_trunc('month', as_of) - INTERVAL 1 DAY AS DATE) END, '%Y-%m')
      AS last_month
  FROM (SELECT DISTINCT as_of FROM population)
),
-- Each source is joined to the dates whose lookback holds it by equality on its own month or day: the few
-- distinct values are paired with the dates first (a range join of a few dozen rows), not every row compared
-- with every date's range.
billing AS (
  SELECT k.employer_id, d.as_of, sum(k.billed) AS billed
  FROM core.kpi_measures AS k
  JOIN (
    SELECT p.period, d.as_of FROM (SELECT DISTINCT period FROM core.kpi_measures) AS p
    JOIN dates AS d ON CAST(strptime(p.period || '-01', '%Y-%m-%d') AS DATE) BETWEEN d.since AND d.as_of
  ) AS d USING (period)
  GROUP BY ALL
),
invoices AS (
  SELECT i.employer_id, d.as_of, count(*) AS due,
    count(*) FILTER (WHERE NOT i.paid_in_full_by_due) AS late,
    sum(CASE WHEN i.paid_in_full_by_due THEN 0 ELSE least(coalesce(i.settled_on, d.as_of), d.as_of) - i.due_on END) AS days_late
  FROM core.compliance_invoices AS i
  JOIN (
    SELECT v.due_on, d.as_of FROM (SELECT DISTINCT due_on FROM core.compliance_invoices) AS v
    JOIN dates AS d ON v.due_on > d.since AND v.due_on <= d.as_of
  ) AS d USING (due_on)
  GROUP BY ALL
),
reversals AS (
  SELECT p.employer_id, d.as_of, count(*) AS reversed
  FROM staging.stg_payments AS p
  JOIN (
    SELECT v.reversed_on, d.as_of FROM (SELECT DISTINCT reversed_on FROM staging.stg_payments) AS v
    JOIN dates AS d ON v.reversed_on > d.since AND v.reversed_on <= d.as_of
  ) AS d USING (reversed_on)
  GROUP BY ALL
),
declarations AS (
  SELECT c.employer_id, d.as_of, count(*) AS months
  FROM core.compliance_declarations AS c
  JOIN (
    SELECT p.period, d.as_of FROM (SELECT DISTINCT period FROM core.compliance_declarations) AS p
    JOIN dates AS d ON last_day(CAST(strptime(p.period || '-01', '%Y-%m-%d') AS DATE)) > d.since
      AND last_day(CAST(strptime(p.period || '-01', '%Y-%m-%d') AS DATE)) <= d.as_of
  ) AS d USING (period)
  WHERE contributors_not_declared > 0 OR contributors_declared_late > 0
  GROUP BY ALL
),
engaged AS (
  SELECT c.employer_id, d.as_of, c.contributors_engaged AS contributors
  FROM core.compliance_declarations AS c
  JOIN dates AS d ON c.period = d.last_month
),
finding_buckets AS (
  -- each finding once, on the first date by which it counts (a finding counts on every date from then on)
  SELECT f.employer_id, d.as_of,
    count(*) FILTER (WHERE f.status = 'open') AS open, count(*) FILTER (WHERE f.status = 'confirmed') AS confirmed,
    count(*) FILTER (WHERE f.severity = 'low') AS low, count(*) FILTER (WHERE f.severity = 'medium') AS medium,
    count(*) FILTER (WHERE f.severity = 'high') AS high, count(*) FILTER (WHERE f.severity = 'critical') AS critical
  FROM core.risk_findings AS f
  JOIN (
    SELECT v.counts_from, min(d.as_of) AS as_of FROM (SELECT DISTINCT counts_from FROM core.risk_findings) AS v
    JOIN dates AS d ON v.counts_from IS NULL OR v.counts_from <= d.as_of
    GROUP BY v.counts_from
  ) AS d ON f.counts_from IS NOT DISTINCT FROM d.counts_from
  WHERE f.counts
  GROUP BY ALL
),
findings AS (
  -- an employer's buckets as one short list, summed up to each date on the employer's rows: findings pile up
  -- over the whole history, so pairing every finding with every later date made thirteen times the findings' rows
  SELECT employer_id,
    list({as_of: as_of, open: open, confirmed: confirmed, low: low, medium: medium, high: high, critical: critical}) AS buckets
  FROM finding_buckets
  GROUP BY employer_id
),
finding_rules AS (
  -- each employer's rules once, with the first date one of its findings counts (null: every date); a date's
  -- rules are those counting by then, filtered from this short list, not a DISTINCT over every finding; sorted by
  -- rule (a rule is once in the list), not an ordered aggregate
  SELECT employer_id, list_sort(list({rule: rule, counts_from: counts_from})) AS rules
  FROM (
    SELECT employer_id, rule, CASE WHEN bool_or(counts_from IS NULL) THEN NULL ELSE min(counts_from) END AS counts_from
    FROM core.risk_findings WHERE counts GROUP BY ALL
  )
  GROUP BY employer_id
),
objections AS (
  SELECT o.employer_id, d.as_of, count(*) AS submitted,
    count(*) FILTER (WHERE o.closed_on <= d.as_of) AS decided,
    count(*) FILTER (WHERE o.closed_on <= d.as_of AND o.outcome = 'rejected') AS rejected
  FROM marts.dispute_lifecycle AS o
  JOIN dates AS d ON o.submitted_on > d.since AND o.submitted_on <= d.as_of
  GROUP BY ALL
),
scored AS (
  SELECT
    p.employer_id, p.as_of, p.severity, p.past_due, p.oldest_days_past_due,
    CAST(coalesce(b.billed, 0) AS DECIMAL(18,2)) AS billed_lookback,
    coalesce(i.due, 0) AS invoices_due, coalesce(i.late, 0) AS invoices_paid_late, coalesce(i.days_late, 0) AS days_late_total,
    coalesce(r.reversed, 0) AS reversed_payments,
    coalesce(c.months, 0) AS months_not_compliant,
    list_filter(f.buckets, x -> x.as_of <= p.as_of) AS counted,
    coalesce(list_transform(list_filter(fr.rules, x -> x.counts_from IS NULL OR x.counts_from <= p.as_of), x -> x.rule),
      CAST([] AS VARCHAR[])) AS finding_rules,
    coalesce(o.submitted, 0) AS objections, coalesce(o.decided, 0) AS objections_decided, coalesce(o.rejected, 0) AS objections_rejected,
    coalesce(e.contributors, 0) AS contributors
  FROM population AS p
  LEFT JOIN billing AS b USING (employer_id, as_of)
  LEFT JOIN invoices AS i USING (employer_id, as_of)
  LEFT JOIN reversals AS r USING (employer_id, as_of)
  LEFT JOIN declarations AS c USING (employer_id, as_of)
  LEFT JOIN engaged AS e USING (employer_id, as_of)
  LEFT JOIN findings AS f USING (employer_id)
  LEFT JOIN finding_rules AS fr USING (employer_id)
  LEFT JOIN objections AS o USING (employer_id, as_of)
)
SELECT
  employer_id, as_of, severity, past_due, oldest_days_past_due, billed_lookback, invoices_due, invoices_paid_late,
  days_late_total, reversed_payments, months_not_compliant,
  CAST(coalesce(list_sum(list_transform(counted, x -> x.open)), 0) AS BIGINT) AS findings_open,
  CAST(coalesce(list_sum(list_transform(counted, x -> x.confirmed)), 0) AS BIGINT) AS findings_confirmed,
  CAST(coalesce(list_sum(list_transform(counted, x -> x.low)), 0) AS BIGINT) AS findings_low,
  CAST(coalesce(list_sum(list_transform(counted, x -> x.medium)), 0) AS BIGINT) AS findings_medium,
  CAST(coalesce(list_sum(list_transform(counted, x -> x.high)), 0) AS BIGINT) AS findings_high,
  CAST(coalesce(list_sum(list_transform(counted, x -> x.critical)), 0) AS BIGINT) AS findings_critical,
  finding_rules, objections, objections_decided, objections_rejected, contributors
FROM scored
