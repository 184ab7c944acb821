/*
description: >
  Firm-wide wage drop with unchanged headcount (rules.md §8): from one month to the next, among
  the contributors above the wage floor declared in both months (at least min_contributors), the
  median wage ratio is max_median_ratio or less and at least min_share_cut of them are cut that much
  or down to the floor (the deepest cut there is), while the headcount moved by no more than
  max_headcount_change or no more than that share of last month's people left (joiners do not
  explain a cut). Real pay cuts across a whole firm are rare; a sudden one with the same people is
  the classic way to lower contributions.
description_ar: انخفاض أجور المنشأة كلها من شهر لآخر مع بقاء عدد المشتركين تقريبًا، وهو أسلوب معروف لتخفيض الاشتراكات.
grain: one row per employer and month of the drop
materialized: table
params:
  detectors_firm_wide_drop_severity: varchar
  detectors_firm_wide_drop_max_median_ratio: decimal
  detectors_firm_wide_drop_min_share_cut: decimal
  detectors_firm_wide_drop_min_contributors: integer
  detectors_firm_wide_drop_max_headcount_change: decimal
  contributions_wage_floors_annuities: decimal
columns:
  rule:
    description: Detector that raised the finding.
    description_ar: الكاشف الذي أثار النتيجة.
  rule_version:
    description: Version of the detector's logic; raised when what it flags changes.
    description_ar: إصدار منطق الكاشف؛ يُرفع عند تغيّر ما يرصده.
  entity:
    description: Kind of row that tripped it, in the extracts' words.
    description_ar: نوع السجل الذي أثار النتيجة، بتسمية المستخرجات.
  entity_id:
    description: Key of that row.
    description_ar: مفتاح ذلك السجل.
  employer_id:
    description: Employer concerned.
    description_ar: المنشأة المعنية.
  contributor_id:
    description: Contributor concerned, where there is one.
    description_ar: المشترك المعني، إن وُجد.
  period:
    description: Month YYYY-MM, where the finding has one.
    description_ar: الشهر YYYY-MM، إن كان للنتيجة شهر.
  severity:
    description: low, medium, high or critical (the detector's severity setting).
    description_ar: درجة الخطورة (منخفضة أو متوسطة أو عالية أو حرجة) حسب إعداد الكاشف.
  score:
    description: How far past its threshold (1 = at the threshold); ranks findings of one rule.
    description_ar: مقدار تجاوز العتبة (1 = عند العتبة)؛ يرتّب نتائج الكاشف الواحد.
  evidence:
    description: JSON with the values that tripped the rule and the threshold crossed.
    description_ar: JSON بالقيم التي أثارت القاعدة والعتبة التي تم تجاوزها.
tests:
  - unique: [rule, entity, entity_id, period]
  - not_null: [rule, entity, entity_id, severity, score]
*/
WITH pairs AS (
  SELECT cur.employer_id, cur.period, cur.wage / prev.wage AS ratio,
         cur.wage = getvariable('contributions_wage_floors_annuities') AS to_floor
  FROM core.detector_wages AS cur
  JOIN core.detector_wages AS prev
    ON prev.employer_id = cur.employer_id AND prev.contributor_id = cur.contributor_id AND prev.month_index = cur.month_index - 1
  -- only wages above the floor can be cut; at the floor a "cut" shows as no change, or a rise to it
  WHERE prev.wage > getvariable('contributions_wage_floors_annuities')
),
heads AS (
  SELECT employer_id, period, month_index, count(*) AS headcount FROM core.detector_wages GROUP BY ALL
),
stayed AS (
  -- last month's people still declared this month
  SELECT cur.employer_id, cur.period, count(*) AS stayed
  FROM core.detector_wages AS cur
  JOIN core.detector_wages AS prev
    ON prev.employer_id = cur.employer_id AND prev.contributor_id = cur.contributor_id AND prev.month_index = cur.month_index - 1
  GROUP BY ALL
),
months AS (
  SELECT p.employer_id, p.period, count(*) AS continuing, median(p.ratio) AS median_ratio,
         avg(CASE WHEN p.ratio <= getvariable('detectors_firm_wide_drop_max_median_ratio') OR p.to_floor THEN 1 ELSE 0 END) AS share_cut
  FROM pairs AS p GROUP BY ALL
)
SELECT 'firm_wide_drop' AS rule, 1 AS rule_version, 'employer' AS entity, m.employer_id AS entity_id,
       m.employer_id, CAST(NULL AS VARCHAR) AS contributor_id, m.period,
       getvariable('detectors_firm_wide_drop_severity') AS severity,
       CAST(getvariable('detectors_firm_wide_drop_max_median_ratio') / m.median_ratio AS DOUBLE) AS score,
       json_object('contributors_above_floor_in_both_months', m.continuing, 'median_wage_ratio', round(m.median_ratio, 2),
                   'share_cut', round(m.share_cut, 2), 'headcount_before', hb.headcount, 'headcount', h.headcount, 'stayed', st.stayed,
                   'max_median_ratio', getvariable('detectors_firm_wide_drop_max_median_ratio'),
                   'min_share_cut', getvariable('detectors_firm_wide_drop_min_share_cut')) AS evidence
FROM months AS m
JOIN heads AS h ON h.employer_id = m.employer_id AND h.period = m.period
JOIN heads AS hb ON hb.employer_id = m.employer_id AND hb.month_index = h.month_index - 1
JOIN stayed AS st ON st.employer_id = m.employer_id AND st.period = m.period
WHERE m.continuing >= getvariable('detectors_firm_wide_drop_min_contributors')
  AND m.median_ratio <= getvariable('detectors_firm_wide_drop_max_median_ratio')
  AND m.share_cut >= getvariable('detectors_firm_wide_drop_min_share_cut')
  -- the same people: the headcount barely moved, or hardly anyone left (joiners do not explain a cut, and a
  -- month with no wage for someone still engaged shows as a leaver that month)
  AND (abs(h.headcount - hb.headcount) <= hb.headcount * getvariable('detectors_firm_wide_drop_max_headcount_change')
       OR hb.headcount - st.stayed <= hb.headcount * getvariable('detectors_firm_wide_drop_max_headcount_change'))
