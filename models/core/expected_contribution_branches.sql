/*
description: >
  core.expected_contributions with one row per branch, the grain rules.md §1 rounds at (contributor,
  branch, month, employer and contributor shares together). Branches that do not apply are left out.
description_ar: >
  الاشتراكات المتوقعة في core.expected_contributions صفًا لكل فرع، وهو المستوى الذي يُجرى عنده التقريب
  (المشترك والفرع والشهر، بحصتي صاحب العمل والمشترك معًا). الفروع التي لا تنطبق لا تظهر.
grain: one row per employer_id, contributor_id, period, scheme and branch
materialized: view
columns:
  employer_id:
    description: Account billed.
    description_ar: المنشأة المفوترة.
  contributor_id:
    description: Insured person.
    description_ar: المشترك المؤمَّن عليه.
  period:
    description: Contribution month YYYY-MM.
    description_ar: شهر الاشتراك YYYY-MM.
  scheme:
    description: mandatory or optional.
    description_ar: "نوع الاشتراك: إلزامي أو اختياري."
  branch:
    description: annuities, hazards or unemployment.
    description_ar: "الفرع: المعاشات أو الأخطار المهنية أو التعطل عن العمل."
  amount:
    description: Expected amount of the branch, SAR, rounded half-up to the halala.
    description_ar: الاشتراك المتوقع للفرع بالريال، مقرّبًا إلى أقرب هللة (النصف إلى الأعلى).
tests:
  - unique: [employer_id, contributor_id, period, scheme, branch]
*/
SELECT employer_id, contributor_id, period, scheme, branch, amount
FROM (
  UNPIVOT core.expected_contributions
  ON annuities, hazards, unemployment
  INTO NAME branch VALUE amount
)
WHERE amount <> 0
