/*
description: >
  Every declared wage with what the wage detectors (rules.md §8) compare it with: the total
  contributory wage, whether the contributor is Saudi, their age that month, and the employer's peer
  group (sector × size class, the size class from the employer's largest monthly headcount and the
  edges in detectors.size_class_edges); and the person's own history at the employer: the usual
  (median) wage, basic and housing of all their months, the month declared before and after, whether
  this month is an extra-zero slip (wage_times_ten's rule) and the usual wage of the months before,
  slips left out. One place for these, so every detector reads them alike and the person's months are
  sorted once, not once per detector.
description_ar: "كل أجر مصرّح به مع ما تقارنه به كواشف الأجور: الأجر الخاضع للاشتراك، والجنسية، والعمر، ومجموعة الأقران للمنشأة."
grain: one row per period, employer_id and contributor_id
materialized: table
params:
  detectors_size_class_edges: varchar
  detectors_wage_times_ten_min_ratio: decimal
  detectors_wage_times_ten_max_ratio: decimal
  detectors_wage_times_ten_min_history_months: integer
  detectors_wage_times_ten_neighbour_tolerance: decimal
columns:
  period:
    description: Month YYYY-MM.
    description_ar: الشهر YYYY-MM.
  month_index:
    description: year × 12 + month, for gaps and lags between months.
    description_ar: السنة × 12 + الشهر، لحساب الفجوات والفروق بين الأشهر.
  employer_id:
    description: Declaring employer.
    description_ar: المنشأة المصرّحة.
  contributor_id:
    description: Insured person.
    description_ar: المشترك المؤمن عليه.
  basic_wage:
    description: Basic wage declared, SAR.
    description_ar: الأجر الأساسي المصرّح به، بالريال.
  housing_allowance:
    description: Housing allowance declared, SAR.
    description_ar: بدل السكن المصرّح به، بالريال.
  wage:
    description: basic_wage + housing_allowance, the contributory wage, SAR.
    description_ar: الأجر الأساسي + بدل السكن، أي الأجر الخاضع للاشتراك، بالريال.
  saudi:
    description: nationality = SA.
    description_ar: الجنسية سعودية.
  age:
    description: Whole years of age on the first day of the period.
    description_ar: العمر بالسنوات الكاملة في أول يوم من الشهر.
  sector:
    description: Employer's ISIC section.
    description_ar: قطاع المنشأة (قسم ISIC).
  size_class:
    description: micro, small, medium or large by the employer's largest monthly headcount.
    description_ar: فئة الحجم (متناهية الصغر أو صغيرة أو متوسطة أو كبيرة) حسب أكبر عدد شهري للمشتركين.
  peer_group:
    description: sector|size_class.
    description_ar: "مجموعة الأقران: القطاع|فئة الحجم."
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
# no unique test on (period, employer_id, contributor_id): raw.wages' key, which ingest keeps unique (an event
# repeated is skipped or quarantined), and the joins to one current contributor and one employer cannot repeat it
tests:
  - not_null: [wage, peer_group]
*/
WITH edges AS (
  SELECT e[1] AS micro, e[2] AS small, e[3] AS medium
  FROM (SELECT from_json(getvariable('detectors_size_class_edges'), '["INTEGER"]') AS e)
),
headcount AS (
  SELECT employer_id, max(n) AS headcount
  FROM (SELECT employer_id, period, count(*) AS n FROM raw.wages GROUP BY ALL)
  GROUP BY employer_id
),
employers AS (
  SELECT employer_id, sector, size_class, coalesce(sector, '?') || '|' || size_class AS peer_group
  FROM (
    SELECT e.employer_id, e.sector,
           CASE WHEN h.headcount <= x.micro THEN 'micro' WHEN h.headcount <= x.small THEN 'small'
                WHEN h.headcount <= x.medium THEN 'medium' ELSE 'large' END AS size_class
    FROM raw.employers_current AS e JOIN headcount AS h USING (employer_id) CROSS JOIN edges AS x
  )
),
contributors AS (
  -- what each wage row needs of the person, worked out once per person and not on each of their wage rows: the age
  -- on the first day of a month is whole months since the birth month, less one when born after the 1st
  SELECT contributor_id, nationality = 'SA' AS saudi, year(birth_date) * 12 + month(birth_date) AS birth_month,
         year(birth_date) * 12 + month(birth_date) + CASE WHEN day(birth_date) > 1 THEN 1 ELSE 0 END AS first_whole_month
  FROM raw.contributors_current
),
declared AS (
  -- only what the person's history needs: the windows sort these few columns, not the contributor's and
  -- employer's, which are joined after (on the partition keys, so a person's months stay or go together)
  SELECT w.period,
         CAST(substr(w.period, 1, 4) AS INTEGER) * 12 + CAST(substr(w.period, 6, 2) AS INTEGER) AS month_index,
         w.employer_id, w.contributor_id, w.basic_wage, w.housing_allowance,
         CAST(w.basic_wage + w.housing_allowance AS DECIMAL(18,2)) AS wage
  FROM raw.wages AS w
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
  WINDOW months AS (PARTITION BY employer_id, contributor_id ORDER BY month_index),
         whole AS (PARTITION BY employer_id, contributor_id)
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
  SELECT DISTINCT employer_id, contributor_id FROM slips WHERE times_ten OR wage < prev_wage
),
history AS (
  -- the usual wage before this month: a slip is not anyone's usual wage
  SELECT s.* EXCLUDE (steady),
         median(CASE WHEN NOT s.times_ten THEN s.wage END) OVER earlier AS usual_before,
         count(CASE WHEN NOT s.times_ten THEN 1 END) OVER earlier AS months_before
  FROM slips AS s
  WHERE (s.employer_id, s.contributor_id) IN (SELECT employer_id, contributor_id FROM unsorted)
  WINDOW earlier AS (PARTITION BY employer_id, contributor_id ORDER BY month_index ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
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
  LEFT JOIN (SELECT employer_id, contributor_id, nth, wage, next_wage FROM slips WHERE NOT steady) AS m
    ON m.employer_id = s.employer_id AND m.contributor_id = s.contributor_id AND m.nth = s.nth // 2
  WHERE NOT s.steady AND (s.employer_id, s.contributor_id) NOT IN (SELECT employer_id, contributor_id FROM unsorted)
)
SELECT h.period, h.month_index, h.employer_id, h.contributor_id, h.basic_wage, h.housing_allowance, h.wage, c.saudi,
       -- date_sub('year', birth_date, the 1st of the month), in whole months (negative before the birth)
       CAST(CASE WHEN h.month_index >= c.first_whole_month THEN (h.month_index - c.first_whole_month) // 12
            ELSE -((c.birth_month - h.month_index) // 12) END AS BIGINT) AS age,
       e.sector, e.size_class, e.peer_group,
       h.nth, h.months, h.usual_wage, h.usual_basic, h.usual_housing, h.prev_wage, h.next_wage, h.times_ten,
       h.usual_before, h.months_before
FROM history AS h
JOIN contributors AS c USING (contributor_id)
JOIN employers AS e USING (employer_id)
