/*
description: >
  Each employer that declared wages, with the integer key the wage detectors join on and its peer group
  (rules.md §8: sector × size class, the size class from the employer's largest monthly headcount and the edges
  in detectors.size_class_edges). The key is the employer's place in employer_id order: core.detector_wage_history
  carries it instead of the text id, because sorting and writing 19 million text ids was most of that model's time.
description_ar: "كل منشأة صرّحت بأجور، مع مفتاحها الرقمي الذي تربط به كواشف الأجور ومجموعة أقرانها (القطاع × فئة الحجم)."
grain: one row per employer_id
materialized: table
params:
  detectors_size_class_edges: varchar
columns:
  employer_key:
    description: 1, 2, … in employer_id order; for joins inside one build, not an id to keep.
    description_ar: مفتاح رقمي بترتيب رقم المنشأة، للربط داخل البناء الواحد فقط.
  employer_id:
    description: Employer.
    description_ar: المنشأة.
  sector:
    description: Employer's ISIC section.
    description_ar: قطاع المنشأة (قسم ISIC).
  size_class:
    description: micro, small, medium or large by the employer's largest monthly headcount.
    description_ar: فئة الحجم (متناهية الصغر أو صغيرة أو متوسطة أو كبيرة) حسب أكبر عدد شهري للمشتركين.
  peer_group:
    description: sector|size_class.
    description_ar: "مجموعة الأقران: القطاع|فئة الحجم."
# no tests: the key is a row_number and the peer group a coalesce of a CASE with an ELSE, so neither a repeated nor a
# missing one can come out; employer_id is raw.employers' key
*/
WITH edges AS (
  SELECT e[1] AS micro, e[2] AS small, e[3] AS medium
  FROM (SELECT from_json(getvariable('detectors_size_class_edges'), '["INTEGER"]') AS e)
),
headcount AS (
  SELECT employer_id, max(n) AS headcount
  FROM (SELECT employer_id, period, count(*) AS n FROM raw.wages GROUP BY ALL)
  GROUP BY employer_id
)
SELECT CAST(row_number() OVER (ORDER BY employer_id) AS INTEGER) AS employer_key, employer_id, sector, size_class,
       coalesce(sector, '?') || '|' || size_class AS peer_group
FROM (
  SELECT e.employer_id, e.sector,
         CASE WHEN h.headcount <= x.micro THEN 'micro' WHEN h.headcount <= x.small THEN 'small'
              WHEN h.headcount <= x.medium THEN 'medium' ELSE 'large' END AS size_class
  FROM raw.employers_current AS e JOIN headcount AS h USING (employer_id) CROSS JOIN edges AS x
)
