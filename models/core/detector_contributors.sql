/*
description: >
  Each contributor with the integer key the wage detectors join on and what a wage row needs of the person,
  worked out once per person and not on each of their wage rows: whether Saudi, and the months core.detector_wage_history
  takes the age from. The key is the person's place in contributor_id order (see core.detector_employers).
description_ar: "كل مشترك مع مفتاحه الرقمي الذي تربط به كواشف الأجور، وجنسيته، وشهر ميلاده الذي يُحسب منه العمر."
grain: one row per contributor_id
materialized: table
columns:
  contributor_key:
    description: 1, 2, … in contributor_id order; for joins inside one build, not an id to keep.
    description_ar: مفتاح رقمي بترتيب رقم المشترك، للربط داخل البناء الواحد فقط.
  contributor_id:
    description: Insured person.
    description_ar: المشترك المؤمن عليه.
  saudi:
    description: nationality = SA.
    description_ar: الجنسية سعودية.
  birth_month:
    description: year × 12 + month of the birth date.
    description_ar: السنة × 12 + الشهر لتاريخ الميلاد.
  first_whole_month:
    description: >
      The first month (year × 12 + month) on whose first day a whole month of age has passed: the birth month, or
      the month after when born after the 1st.
    description_ar: أول شهر يكتمل في أول يوم منه شهر من العمر.
# no tests: the key is a row_number, so it cannot repeat or be missing; contributor_id is raw.contributors' key
*/
SELECT CAST(row_number() OVER (ORDER BY contributor_id) AS INTEGER) AS contributor_key, contributor_id, saudi, birth_month,
       birth_month + CASE WHEN day(birth_date) > 1 THEN 1 ELSE 0 END AS first_whole_month
FROM (
  SELECT contributor_id, birth_date, nationality = 'SA' AS saudi, year(birth_date) * 12 + month(birth_date) AS birth_month
  FROM raw.contributors_current
)
