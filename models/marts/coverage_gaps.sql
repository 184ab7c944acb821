/*
description: >
  Coverage gaps (rules.md §1): a contributor engaged with an employer in a month for which the
  employer declared no wage — unprotected, and not billed. Only months already over as of the as-of
  date are judged (wages for a month may be declared until its last day).
description_ar: >
  فجوات التغطية: مشترك مرتبط بمنشأة في شهر لم تصرّح المنشأة عن أجره فيه، فلا هو مغطى ولا مفوتر. لا
  يُحكم إلا على الأشهر المنتهية حتى التاريخ المرجعي.
grain: one row per engagement_id and period
materialized: table
params:
  as_of: date
columns:
  employer_id:
    description: Account the contributor is engaged with.
    description_ar: المنشأة المرتبط بها المشترك.
  contributor_id:
    description: Insured person with no wage row for the month.
    description_ar: المشترك الذي لا أجر مصرحًا به عنه في الشهر.
  engagement_id:
    description: The engagement covering the month.
    description_ar: فترة العمل التي تغطي الشهر.
  scheme:
    description: mandatory or optional.
    description_ar: "نوع الاشتراك: إلزامي أو اختياري."
  period:
    description: Month YYYY-MM.
    description_ar: الشهر YYYY-MM.
  days_covered:
    description: Days of the month the engagement covers.
    description_ar: أيام الشهر التي تغطيها فترة العمل.
  as_of:
    description: Date the gaps are judged as of.
    description_ar: التاريخ الذي حُكم فيه على الفجوات.
tests:
  - unique: [engagement_id, period]
  - not_null: [employer_id, contributor_id, period]
*/
SELECT m.employer_id, m.contributor_id, m.engagement_id, m.scheme, m.period, m.days_covered,
       getvariable('as_of') AS as_of
FROM core.engagement_months AS m
WHERE last_day(CAST(m.period || '-01' AS DATE)) <= getvariable('as_of')
  AND NOT EXISTS (
    SELECT 1 FROM raw.wages AS w
    WHERE w.period = m.period AND w.employer_id = m.employer_id AND w.contributor_id = m.contributor_id)
