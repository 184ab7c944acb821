/*
description: >
  Money received by each employer as of each ledger date (rules.md §3): payments paid on or before
  D (Riyadh day) and not reversed on or before D, whatever they named. A running total per employer
  by day (+ on the day paid, − on the day reversed), read as of D with an ASOF join; whole halalas.
grain: one row per as_of and employer_id (employers with a payment by D)
materialized: view
columns:
  as_of: Ledger date.
  employer_id: Paying employer.
  paid_h: Sum of the payments counted as of D, halalas.
*/
WITH events AS (
  SELECT employer_id, paid_on AS day, CAST(amount * 100 AS BIGINT) AS delta FROM staging.stg_payments
  UNION ALL
  SELECT employer_id, greatest(reversed_on, paid_on), -CAST(amount * 100 AS BIGINT) FROM staging.stg_payments WHERE reversed_on IS NOT NULL
),
steps AS (
  SELECT employer_id, day, sum(sum(delta)) OVER (PARTITION BY employer_id ORDER BY day) AS paid_h
  FROM events GROUP BY employer_id, day
),
pairs AS (
  SELECT d.as_of, f.employer_id
  FROM core.ledger_dates AS d
  JOIN (SELECT employer_id, min(day) AS first_day FROM steps GROUP BY employer_id) AS f ON f.first_day <= d.as_of
)
SELECT p.as_of, p.employer_id, CAST(s.paid_h AS BIGINT) AS paid_h
FROM pairs AS p
ASOF JOIN steps AS s ON s.employer_id = p.employer_id AND s.day <= p.as_of
