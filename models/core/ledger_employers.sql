/*
description: >
  Every employer the ledger knows (invoiced, or with any payment row — reversal rows included), with
  a whole-number key and the first day it appears: from that day it is reported in
  marts.employer_balance. The key keeps the ledger's sorts and joins on integers instead of text.
grain: one row per employer_id
materialized: table
columns:
  employer_id: Employer.
  employer_key: A whole number in employer_id order.
  first_day: The first invoice's issue date or the first payment row's Riyadh day, whichever is earlier.
tests:
  - unique: employer_id
  - unique: employer_key
*/
SELECT employer_id, row_number() OVER (ORDER BY employer_id) AS employer_key, min(first_day) AS first_day
FROM (
  SELECT employer_id, min(issued_on) AS first_day FROM raw.invoices GROUP BY employer_id
  UNION ALL
  SELECT employer_id, min(CAST(timezone('Asia/Riyadh', paid_at) AS DATE)) FROM raw.payments GROUP BY employer_id
)
GROUP BY employer_id
