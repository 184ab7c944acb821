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
description_ar: >
  أحداث كل اعتراض حتى التاريخ المرجعي مرتبةً حسب وقت الحدث ثم رقمه، أيًّا كان ترتيب وصولها، مع موضع كل
  حدث: هل هو الحدث الذي بتّ في الاعتراض، وهل جاء بعده، وعلامات البيانات المعيبة (وصول خارج الترتيب،
  حدثان في الثانية نفسها، حدث مؤرخ قبل تقديم الاعتراض).
grain: one row per event_id (events at or before D)
materialized: table
params:
  as_of: date
columns:
  dispute_id:
    description: Objection.
    description_ar: الاعتراض.
  event_id:
    description: Event.
    description_ar: الحدث.
  seq:
    description: Place in the objection's order (1 = first by at, then event_id).
    description_ar: موضع الحدث في ترتيب الاعتراض (1 هو الأول حسب الوقت ثم رقم الحدث).
  at:
    description: Timestamp of the event.
    description_ar: وقت الحدث.
  day:
    description: Riyadh day of at.
    description_ar: يوم الحدث بتوقيت الرياض.
  next_day:
    description: Riyadh day of the next event in order; null for the last.
    description_ar: يوم الحدث التالي بتوقيت الرياض؛ فارغ للحدث الأخير.
  status:
    description: Status the event sets.
    description_ar: الحالة التي يضعها الحدث.
  actor:
    description: Who acted.
    description_ar: من قام بالإجراء.
  resolved_amount:
    description: Amount conceded, when the event carries one.
    description_ar: المبلغ المقبول للمنشأة، إن حمله الحدث.
  is_deciding:
    description: The first deciding event of the objection.
    description_ar: أول حدث يبتّ في الاعتراض.
  after_decision:
    description: Comes after the deciding event.
    description_ar: جاء بعد الحدث الذي بتّ في الاعتراض.
  arrived_out_of_order:
    description: Its place by arrival (load, then line) differs from its place by at, event_id.
    description_ar: موضعه حسب الوصول (التحميل ثم السطر) يخالف موضعه حسب الوقت ورقم الحدث.
  same_second:
    description: Another event of the objection has the same at.
    description_ar: للاعتراض حدث آخر في الوقت نفسه.
  before_submission:
    description: Dated (Riyadh day) before the objection's submitted_on.
    description_ar: مؤرخ (بيوم الرياض) قبل يوم تقديم الاعتراض.
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
