/*
description: >
  The open objections as of D (marts.dispute_lifecycle, is_open) by state and age band: how many,
  what they contest, how many are past their service level. Age bands are those of the arrears
  ageing (arrears.ageing_bucket_edges of config/rules.json, default 0–30, 31–60, 61–90, 91–180,
  181–365 and over 365 days since submission), so the two read alike. Only bands that hold an
  objection have a row.
grain: one row per status and age_band
materialized: table
params:
  as_of: date
  arrears_ageing_bucket_edges: varchar
columns:
  as_of: The date the backlog is taken as of.
  status: State of the open objections (their latest event's status).
  age_band: Days since submission, e.g. 0-30, 31-60, over 365.
  band_order: Order of the band (1 = youngest).
  objections: Open objections in this state and band.
  disputed_amount: What they contest, SAR.
  sla_breached: How many of them are past their service level.
  escalated: How many were escalated to the legal team or a committee.
tests:
  - unique: [status, age_band]
  - not_null: [status, age_band, objections, disputed_amount]
  - reconciles: {sum: objections, equals: {model: marts.dispute_lifecycle, sum: "CAST(is_open AS INTEGER)"}}
    name: every open objection in one band
*/
WITH edges AS (
  SELECT from_json(getvariable('arrears_ageing_bucket_edges'), '["INTEGER"]') AS e
),
banded AS (
  SELECT l.*,
         -- the band's number: 1 + how many edges the age is past (an age of 0 or less falls in the first)
         1 + len(list_filter(x.e, edge -> l.age_days > edge)) AS band_order, x.e
  FROM marts.dispute_lifecycle AS l, edges AS x
  WHERE l.is_open
)
SELECT
  CAST(getvariable('as_of') AS DATE) AS as_of, status,
  CASE WHEN band_order > len(e) THEN 'over ' || e[len(e)]
       WHEN band_order = 1 THEN '0-' || e[1]
       ELSE (e[band_order - 1] + 1) || '-' || e[band_order] END AS age_band,
  CAST(band_order AS INTEGER) AS band_order,
  CAST(count(*) AS INTEGER) AS objections,
  CAST(sum(disputed_amount) AS DECIMAL(18,2)) AS disputed_amount,
  CAST(count(*) FILTER (WHERE sla_breached) AS INTEGER) AS sla_breached,
  CAST(count(*) FILTER (WHERE escalated) AS INTEGER) AS escalated
FROM banded
GROUP BY status, band_order, e
