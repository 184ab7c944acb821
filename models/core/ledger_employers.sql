/*
description: >
  Every employer the ledger knows (invoiced, or with any payment row — reversal rows included), with
  a whole-number key and the first day it appears: from that day it is reported in
  marts.employer_balance. The key keeps the ledger's sorts and joins on integers instead of text.
description_ar: >
  كل منشأة يعرفها السجل (لها فاتورة أو أي دفعة، بما فيها قيود العكس)، مع مفتاح رقمي وأول يوم ظهرت فيه؛
  ومن ذلك اليوم تظهر في marts.employer_balance.
grain: one row per employer_id
materialized: table
columns:
  employer_id:
    description: Employer.
    description_ar: المنشأة.
  employer_key:
    description: A whole number in employer_id order.
    description_ar: رقم صحيح بترتيب رقم المنشأة.
  first_day:
    description: The first invoice's issue date or the first payment row's Riyadh day, whichever is earlier.
    description_ar: تاريخ إصدار أول فاتورة أو يوم أول دفعة بتوقيت الرياض، أيهما أسبق.
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
