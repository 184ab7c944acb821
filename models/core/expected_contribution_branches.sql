/*
description: >
  core.expected_contributions with one row per branch, the grain rules.md §1 rounds at (contributor,
  branch, month, employer and contributor shares together). Branches that do not apply are left out.
grain: one row per employer_id, contributor_id, period, scheme and branch
materialized: view
columns:
  employer_id: Account billed.
  contributor_id: Insured person.
  period: Contribution month YYYY-MM.
  scheme: mandatory or optional.
  branch: annuities, hazards or unemployment.
  amount: Expected amount of the branch, SAR, rounded half-up to the halala.
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
