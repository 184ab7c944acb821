/*
description: >
  Every declared wage with what the wage detectors (rules.md §8) compare it with: the total
  contributory wage, whether the contributor is Saudi and their age that month; and the person's own
  history at the employer: the usual (median) wage, basic and housing of all their months, the month
  declared before and after, whether this month is an extra-zero slip (wage_times_ten's rule) and the
  usual wage of the months before, slips left out. One place for these, so every detector reads them
  alike and the person's months are sorted once, not once per detector. The rows carry integer keys
  (month, employer, contributor), not the text ids: sorting and writing 19 million rows of text ids was
  40% of this model's time at 100,000 employers. core.detector_wages is the same rows with their ids
  and peer group, for a detector that names its few rows; one that groups or joins many reads these.
description_ar: "كل أجر مصرّح به بمفاتيح رقمية مع ما تقارنه به كواشف الأجور: الأجر الخاضع للاشتراك، والجنسية، والعمر، وتاريخ المشترك لدى المنشأة."
grain: one row per month_index, employer_key and contributor_key
materialized: table
params:
  detectors_wage_times_ten_min_ratio: decimal
  detectors_wage_times_ten_max_ratio: decimal
  detectors_wage_times_ten_min_history_months: integer
  detectors_wage_times_ten_neighbour_tolerance: decimal
columns:
  month_index:
    description: year × 12 + month, for gaps and lags between months (core.detector_months names it).
    description_ar: السنة × 12 + الشهر، لحساب الفجوات والفروق بين الأشهر.
  employer_key: { same_as: core.detector_employers }
  contributor_key: { same_as: core.detector_contributors }
  basic_wage:
    description: Basic wage declared, SAR.
    description_ar: الأجر الأساسي المصرّح به، بالريال.
  housing_allowance:
    description: Housing allowance declared, SAR.
    description_ar: بدل السكن المصرّح به، بالريال.
  wage:
    description: basic_wage + housing_allowance, the contributory wage, SAR.
    description_ar: الأجر الأساسي + بدل السكن، أي الأجر الخاضع للاشتراك، بالريال.
  saudi: { same_as: core.detector_contributors }
  age:
    description: Whole years of age on the first day of the period.
    description_ar: العمر بالسنوات الكاملة في أول يوم من الشهر.
  nth:
    description: 1 for the person's first declared month at the employer, 2 for the next, …
    description_ar: ترتيب الشهر بين أشهر المشترك المصرّح بها لدى المنشأة (1 لأولها).
  months:
    description: Months declared for the person at the employer.
    description_ar: عدد الأشهر المصرّح بها للمشترك لدى المنشأة.
  usual_wage:
    description: Median wage of all the person's months at the employer, SAR.
    description_ar: وسيط أجر المشترك في كل أشهره لدى المنشأة، بالريال.
  usual_basic:
    description: Median basic wage of all the person's months at the employer, SAR.
    description_ar: وسيط الأجر الأساسي في كل أشهر المشترك لدى المنشأة، بالريال.
  usual_housing:
    description: Median housing allowance of all the person's months at the employer, SAR.
    description_ar: وسيط بدل السكن في كل أشهر المشترك لدى المنشأة، بالريال.
  prev_wage:
    description: Wage of that previous declared month, SAR.
    description_ar: أجر الشهر المصرّح به السابق، بالريال.
  next_wage:
    description: Wage of the person's next declared month at the employer, SAR.
    description_ar: أجر الشهر المصرّح به التالي، بالريال.
  times_ten:
    description: >
      An extra zero in the basic wage (rules.md §8): basic between min_ratio and max_ratio × the usual
      basic (more than min_history_months months), and within neighbour_tolerance of ten times the basic
      of the month before or after.
    description_ar: صفر زائد في الأجر الأساسي (عشرة أضعاف الأجر المعتاد وعشرة أضعاف أجر الشهر المجاور).
  usual_before:
    description: Median wage of the person's earlier months at the employer, extra-zero slips left out, SAR.
    description_ar: وسيط أجر المشترك في أشهره السابقة لدى المنشأة دون أشهر الصفر الزائد، بالريال.
  months_before:
    description: Earlier months behind usual_before.
    description_ar: عدد الأشهر السابقة التي حُسب منها الوسيط.
# no unique test on (month_index, employer_key, contributor_key): raw.wages' key (period, employer_id, contributor_id),
# which ingest keeps unique (an event repeated is skipped or quarantined), and each id joins one key
tests:
  - not_null: [wage]
*/
WITH declared AS (
  -- only what the person's history needs, with the integer keys in place of the text ids before the sort: the
  -- windows then sort two integers, and the person's nationality and age ride along
  SELECT month_index, employer_key, contributor_key, basic_wage, housing_allowance, wage, saudi,
         -- date_sub('year', birth_date, the 1st of the month), in whole months (negative before the birth)
         CAST(CASE WHEN month_index >= first_whole_month THEN (month_index - first_whole_month) // 12
              ELSE -((birth_month - month_index) // 12) END AS BIGINT) AS age
  FROM (
    SELECT CAST(substr(w.period, 1, 4) AS INTEGER) * 12 + CAST(substr(w.period, 6, 2) AS INTEGER) AS month_index,
           e.employer_key, c.contributor_key, w.basic_wage, w.housing_allowance,
           CAST(w.basic_wage + w.housing_allowance AS DECIMAL(18,2)) AS wage, c.saudi, c.birth_month, c.first_whole_month
    FROM raw.wages AS w JOIN core.detector_employers AS e USING (employer_id) JOIN core.detector_contributors AS c USING (contributor_id)
  )
),
person AS (
  -- every history figure over one sort of the person's months
  SELECT d.*,
         row_number() OVER months AS nth,
         count(*) OVER whole AS months,
         median(wage) OVER whole AS usual_wage,
         median(basic_wage) OVER whole AS usual_basic,
         median(housing_allowance) OVER whole AS usual_housing,
         lag(wage) OVER months AS prev_wage,
         lag(basic_wage) OVER months AS prev_basic,
         lead(wage) OVER months AS next_wage,
         lead(basic_wage) OVER months AS next_basic,
         -- the same wage and basic every month: no slip is possible (one needs a basic ten times the one beside it),
         -- so the usual wage before any month but the first is that wage, and no framed median is needed
         min(wage) OVER whole = max(wage) OVER whole AND min(basic_wage) OVER whole = max(basic_wage) OVER whole AS steady
  FROM declared AS d
  -- whole: no order, so each median is one aggregate per partition, not a framed median per row
  WINDOW months AS (PARTITION BY employer_key, contributor_key ORDER BY month_index),
         whole AS (PARTITION BY employer_key, contributor_key)
),
slips AS (
  -- an extra zero: ten times the usual basic, and ten times the basic actually declared beside it (the
  -- month before or after, so a raise that month does not hide it, and a first month far above the
  -- later ones is not taken for one)
  SELECT p.* EXCLUDE (prev_basic, next_basic),
         coalesce(p.usual_basic > 0
           AND p.months > getvariable('detectors_wage_times_ten_min_history_months')
           AND p.basic_wage BETWEEN p.usual_basic * getvariable('detectors_wage_times_ten_min_ratio')
                                AND p.usual_basic * getvariable('detectors_wage_times_ten_max_ratio')
           AND (abs(p.basic_wage - 10 * p.prev_basic) <= 10 * p.prev_basic * getvariable('detectors_wage_times_ten_neighbour_tolerance')
                OR abs(p.basic_wage - 10 * p.next_basic) <= 10 * p.next_basic * getvariable('detectors_wage_times_ten_neighbour_tolerance')),
           false) AS times_ten
  FROM person AS p
),
unsorted AS (
  -- the few people whose earlier months are not simply their wages so far in rising order: a slip, or a wage
  -- lower than the one before
  SELECT DISTINCT employer_key, contributor_key FROM slips WHERE times_ten OR wage < prev_wage
),
history AS (
  -- the usual wage before this month: a slip is not anyone's usual wage
  SELECT s.* EXCLUDE (steady),
         median(CASE WHEN NOT s.times_ten THEN s.wage END) OVER earlier AS usual_before,
         count(CASE WHEN NOT s.times_ten THEN 1 END) OVER earlier AS months_before
  FROM slips AS s
  WHERE (s.employer_key, s.contributor_key) IN (SELECT employer_key, contributor_key FROM unsorted)
  WINDOW earlier AS (PARTITION BY employer_key, contributor_key ORDER BY month_index ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
  UNION ALL
  SELECT s.* EXCLUDE (steady),
         CASE WHEN s.nth > 1 THEN s.wage END AS usual_before,
         s.nth - 1 AS months_before
  FROM slips AS s
  WHERE s.steady
  UNION ALL
  -- wages that never fell and no slip: the months before are already in order, so their median is the middle
  -- one (the nth // 2-th month), or, for an even count, halfway from it to the next one, rounded down to the
  -- cent as median() does
  SELECT s.* EXCLUDE (steady),
         CASE WHEN s.nth % 2 = 0 THEN m.wage
              ELSE CAST(m.wage + CAST(CAST((m.next_wage - m.wage) * 100 AS BIGINT) // 2 AS DECIMAL(18,2)) * 0.01 AS DECIMAL(18,2))
         END AS usual_before,
         s.nth - 1 AS months_before
  FROM slips AS s
  LEFT JOIN (SELECT employer_key, contributor_key, nth, wage, next_wage FROM slips WHERE NOT steady) AS m
    ON m.employer_key = s.employer_key AND m.contributor_key = s.contributor_key AND m.nth = s.nth // 2
  WHERE NOT s.steady AND (s.employer_key, s.contributor_key) NOT IN (SELECT employer_key, contributor_key FROM unsorted)
)
SELECT h.month_index, h.employer_key, h.contributor_key, h.basic_wage, h.housing_allowance, h.wage, h.saudi, h.age,
       h.nth, h.months, h.usual_wage, h.usual_basic, h.usual_housing, h.prev_wage, h.next_wage, h.times_ten,
       h.usual_before, h.months_before
FROM history AS h
