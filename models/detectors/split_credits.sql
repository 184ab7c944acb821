/*
description: >
  Credits split just under the approval threshold (rules.md §8, internal risk): min_credits or
  more credit notes by one creator on one employer, each between near_share × and the approval
  threshold (billing.approval_threshold, from which a second approver is needed), created within
  window_days of each other and together over the threshold. One credit of the total would have
  needed the second approval the split avoids. A credit of its invoice's whole amount (a waived fee)
  is complete in itself, not a part.
description_ar: إشعارات دائنة مجزأة دون عتبة الاعتماد من المنشئ نفسه للمنشأة نفسها، ومجموعها يتجاوز العتبة.
grain: one row per group of split credits (named by its first adjustment)
materialized: table
params:
  detectors_split_credits_severity: varchar
  detectors_split_credits_window_days: integer
  detectors_split_credits_near_share: decimal
  detectors_split_credits_min_credits: integer
  billing_approval_threshold: decimal
*/
WITH near AS (
  SELECT a.adjustment_id, a.created_by, a.created_at, -a.amount AS credit, i.employer_id, i.period
  FROM staging.stg_adjustments AS a JOIN staging.stg_invoices AS i USING (invoice_id)
  WHERE a.amount < 0
    -- a part: a credit that writes off its whole invoice (a waived fee) is complete in itself, not a piece of a larger one
    AND -a.amount < i.total_amount
    AND -a.amount < getvariable('billing_approval_threshold')
    AND -a.amount >= getvariable('billing_approval_threshold') * getvariable('detectors_split_credits_near_share')
),
grouped AS (
  -- a new group starts when the previous near-threshold credit of the same creator and employer is older than the window
  SELECT *, sum(CASE WHEN gap_days IS NULL OR gap_days > getvariable('detectors_split_credits_window_days') THEN 1 ELSE 0 END)
              OVER (PARTITION BY created_by, employer_id ORDER BY created_at, adjustment_id) AS grp
  FROM (SELECT *, date_diff('day', lag(created_at) OVER (PARTITION BY created_by, employer_id ORDER BY created_at, adjustment_id),
                            created_at) AS gap_days
        FROM near)
),
splits AS (
  SELECT created_by, employer_id, grp, min(period) AS period, count(*) AS credits, sum(credit) AS total,
         list(adjustment_id ORDER BY created_at, adjustment_id) AS ids, min(created_at) AS first_at, max(created_at) AS last_at
  FROM grouped GROUP BY created_by, employer_id, grp
  HAVING count(*) >= getvariable('detectors_split_credits_min_credits') AND sum(credit) > getvariable('billing_approval_threshold')
)
SELECT 'split_credits' AS rule, 1 AS rule_version, 'adjustment' AS entity, ids[1] AS entity_id,
       employer_id, CAST(NULL AS VARCHAR) AS contributor_id, period,
       getvariable('detectors_split_credits_severity') AS severity,
       CAST(total / getvariable('billing_approval_threshold') AS DOUBLE) AS score,
       json_object('created_by', created_by, 'adjustments', ids, 'credits', credits, 'total', CAST(total AS DECIMAL(18,2)),
                   'days_spanned', date_diff('day', first_at, last_at), 'approval_threshold', getvariable('billing_approval_threshold'),
                   'window_days', getvariable('detectors_split_credits_window_days')) AS evidence
FROM splits
