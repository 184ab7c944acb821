/*
description: >
  Each objection's events as of D, in the order outputs.md sets — by `at`, then event_id — whatever
  the order they arrived in (the event timeline as data: marts.dispute_lifecycle reads it, and so can a
  page drawing one objection). Only events at or before D (Riyadh day) and of objections in the
  current disputes snapshot. Each event carries where it stands: its place, whether it decides (the
  first accepted, partially_accepted, rejected, withdrawn or closed event, rules.md §6), whether it
  comes after that decision, and the bad-input marks the lifecycle counts — arrived out of that
  order (by load and line), another event of the objection in the same second, dated before the
  submission.
grain: one row per event_id (events at or before D)
materialized: table
params:
  as_of: date
columns:
  dispute_id: Objection.
  event_id: Event.
  seq: Place in the objection's order (1 = first by at, then event_id).
  at: Timestamp of the event.
  day: Riyadh day of at.
  next_day: Riyadh day of the next event in order; null for the last.
  status: Status the event sets.
  actor: Who acted.
  resolved_amount: Amount conceded, when the event carries one.
  is_deciding: The first deciding event of the objection.
  after_decision: Comes after the deciding event.
  arrived_out_of_order: Its place by arrival (load, then line) differs from its place by at, event_id.
  same_second: Another event of the objection has the same at.
  before_submission: Dated (Riyadh day) before the objection's submitted_on.
tests:
  - unique: event_id
  - unique: [dispute_id, seq]
  - not_null: [dispute_id, event_id, seq, at, day, status]
*/
WITH events AS (
  SELECT e.event_id, e.dispute_id, e."at", CAST(timezone('Asia/Riyadh', e."at") AS DATE) AS day, e.status, e.actor, e.resolved_amount,
         e._load_id, e._line, d.submitted_on,
         e.status IN ('accepted', 'partially_accepted', 'rejected', 'withdrawn', 'closed') AS deciding
  FROM raw.dispute_events AS e
  JOIN raw.disputes_current AS d ON d.dispute_id = e.dispute_id
  WHERE CAST(timezone('Asia/Riyadh', e."at") AS DATE) <= getvariable('as_of')
),
ordered AS (
  SELECT *,
         row_number() OVER (PARTITION BY dispute_id ORDER BY "at", event_id) AS seq,
         row_number() OVER (PARTITION BY dispute_id ORDER BY _load_id, _line, event_id) AS arrival,
         count(*) OVER (PARTITION BY dispute_id, "at") > 1 AS same_second
  FROM events
),
decisions AS (
  SELECT dispute_id, min(seq) AS decision_seq FROM ordered WHERE deciding GROUP BY dispute_id
)
SELECT
  o.dispute_id, o.event_id, CAST(o.seq AS INTEGER) AS seq, o."at", o.day,
  lead(o.day) OVER (PARTITION BY o.dispute_id ORDER BY o.seq) AS next_day,
  o.status, o.actor, o.resolved_amount,
  coalesce(o.seq = x.decision_seq, false) AS is_deciding,
  coalesce(o.seq > x.decision_seq, false) AS after_decision,
  o.arrival <> o.seq AS arrived_out_of_order,
  o.same_second,
  o.day < o.submitted_on AS before_submission
FROM ordered AS o
LEFT JOIN decisions AS x ON x.dispute_id = o.dispute_id
