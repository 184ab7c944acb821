/*
description: Each employer account as it stands now (its current snapshot version).
grain: one row per employer_id
materialized: view
columns:
  employer_id: Employer's 9-digit account number.
  account_type: establishment or optional_subscriber.
  name_ar: Registered Arabic name.
  name_en: English name, when given.
  legal_form: private, government, semi_government, non_profit, foreign_branch or individual.
  sector: ISIC Rev.4 section letter.
  region: Region of the account.
  registered_on: Registration date.
  status: active, suspended or closed.
  status_changed_on: When the status last changed.
tests:
  - unique: employer_id
  - not_null: [employer_id, status]
  - accepted_values: {column: status, values: [active, suspended, closed]}
*/
SELECT
  employer_id, account_type, name_ar, name_en, legal_form, sector, region,
  registered_on, status, status_changed_on
FROM raw.employers
WHERE _valid_to IS NULL
