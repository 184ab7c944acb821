/*
description: >
  One row per objection submitted on or before D, as of D (rules.md §6, outputs.md). status: the
  status of its latest event at or before D (by at, then event_id), submitted when it has none.
  closed_on: Riyadh day of the deciding event — the first accepted, partially_accepted, rejected,
  withdrawn or closed event — null while open; outcome and resolved_amount are that event's (null
  while open; resolved_amount null when the event has none). escalated: an escalated_legal or
  committee event at or before the decision (or D while open). age_days = (closed_on, or D while
  open) − submitted_on; sla_days = objections.sla_days, or objections.escalated_sla_days when
  escalated; sla_breached = age_days > sla_days. Days in each state: from each event's day to the
  next event's (the first state, before any event, is submitted, from submitted_on), up to the
  decision or D, never before submitted_on. The timeline is the events in order as JSON
  (core.dispute_timeline holds them one row each).
  Bad input — a rule for each, every objection kept, each case named in data_issues for the Data
  health page: (1) events that arrived out of order are read in order of at, then event_id
  (events_out_of_order); (2) events in the same second are ordered by event_id (same_second_events);
  (3) a deciding event dated before the submission still decides: closed_on is its day as delivered,
  so age_days is negative, never breached, no day in any state (decided_before_submission); (4) an
  objection with no event at or before D is submitted and open since submitted_on (no_events);
  (5) events after the deciding one do not reopen it or change outcome, closed_on or resolved_amount,
  nor count in the days in states, but status is still the latest event's, as outputs.md says
  (events_after_decision counts them).
description_ar: >
  صف لكل اعتراض قُدّم حتى التاريخ المرجعي: حالته حسب آخر حدث، ويوم البتّ فيه ونتيجته والمبلغ المقبول،
  وهل أُحيل إلى الشؤون القانونية أو لجنة، وعمره بالأيام ومستوى الخدمة المنطبق وهل تجاوزه، والأيام التي
  قضاها في كل حالة، والتسلسل الزمني لأحداثه، وعلامات البيانات المعيبة التي تظهر في صفحة سلامة
  البيانات.
grain: one row per dispute_id (submitted on or before D)
materialized: table
params:
  as_of: date
  objections_sla_days: integer
  objections_escalated_sla_days: integer
columns:
  dispute_id:
    description: Objection.
    description_ar: الاعتراض.
  employer_id:
    description: Objecting employer.
    description_ar: المنشأة المعترضة.
  invoice_id:
    description: Invoice objected to.
    description_ar: الفاتورة المعترض عليها.
  category:
    description: What the objection is about.
    description_ar: موضوع الاعتراض.
  disputed_amount:
    description: Amount contested, SAR.
    description_ar: المبلغ المعترض عليه، بالريال.
  documents_complete:
    description: Whether the employer's documents are complete (current snapshot).
    description_ar: هل اكتملت مستندات المنشأة (أحدث بيانات).
  status:
    description: Status of the latest event at or before D; submitted when none.
    description_ar: حالة آخر حدث حتى التاريخ المرجعي؛ مقدَّم (submitted) إن لم يوجد حدث.
  submitted_on:
    description: Day submitted.
    description_ar: يوم التقديم.
  closed_on:
    description: Riyadh day of the deciding event; null while open.
    description_ar: يوم الحدث الذي بتّ في الاعتراض بتوقيت الرياض؛ فارغ ما دام قائمًا.
  age_days:
    description: (closed_on, or D while open) − submitted_on.
    description_ar: "عمر الاعتراض بالأيام: من يوم التقديم إلى يوم البتّ، أو إلى التاريخ المرجعي ما دام قائمًا."
  sla_days:
    description: The service level that applies, days (30, or 60 when escalated, from config/rules.json).
    description_ar: مستوى الخدمة المنطبق بالأيام (30، أو 60 عند الإحالة، من config/rules.json).
  sla_breached:
    description: age_days > sla_days.
    description_ar: تجاوز عمر الاعتراض مستوى الخدمة.
  escalated:
    description: An escalated_legal or committee event at or before the decision (or D while open).
    description_ar: حدث إحالة إلى الشؤون القانونية أو إلى لجنة قبل البتّ (أو حتى التاريخ المرجعي ما دام قائمًا).
  outcome:
    description: Status of the deciding event; null while open.
    description_ar: حالة الحدث الذي بتّ في الاعتراض؛ فارغ ما دام قائمًا.
  resolved_amount:
    description: The deciding event's resolved_amount (amount conceded), SAR; null when none or while open.
    description_ar: المبلغ المقبول للمنشأة في حدث البتّ، بالريال؛ فارغ إن لم يوجد أو ما دام قائمًا.
  is_open:
    description: Not decided as of D.
    description_ar: لم يُبتّ فيه حتى التاريخ المرجعي.
  days_submitted:
    description: Days in submitted (from submitted_on to the next event).
    description_ar: الأيام في حالة مقدَّم (من يوم التقديم إلى الحدث التالي).
  days_under_review:
    description: Days in under_review.
    description_ar: الأيام قيد المراجعة.
  days_info_requested:
    description: Days in info_requested.
    description_ar: الأيام في انتظار معلومات مطلوبة.
  days_escalated_legal:
    description: Days in escalated_legal.
    description_ar: الأيام لدى الشؤون القانونية.
  days_committee:
    description: Days in committee.
    description_ar: الأيام لدى اللجنة.
  events:
    description: Events at or before D.
    description_ar: عدد الأحداث حتى التاريخ المرجعي.
  timeline:
    description: The events at or before D in order, JSON [{event_id, at (Riyadh time), status, actor, resolved_amount (text)}].
    description_ar: أحداث الاعتراض حتى التاريخ المرجعي مرتبةً، بصيغة JSON (رقم الحدث، الوقت بتوقيت الرياض، الحالة، المنفذ، المبلغ المقبول نصًا).
  events_out_of_order:
    description: Some event arrived out of the order of at, event_id.
    description_ar: وصل بعض الأحداث خارج ترتيب الوقت ورقم الحدث.
  same_second_events:
    description: Two events of the objection share the same at.
    description_ar: حدثان من أحداث الاعتراض في الوقت نفسه.
  decided_before_submission:
    description: The deciding event is dated before submitted_on.
    description_ar: حدث البتّ مؤرخ قبل يوم التقديم.
  no_events:
    description: No event at or before D.
    description_ar: لا حدث حتى التاريخ المرجعي.
  events_after_decision:
    description: Events after the deciding one (at or before D).
    description_ar: عدد الأحداث بعد حدث البتّ (حتى التاريخ المرجعي).
  data_issues:
    description: Names of the bad-input cases above that apply (empty list when none).
    description_ar: أسماء حالات البيانات المعيبة المنطبقة (قائمة فارغة إن لم يوجد شيء).
  as_of:
    description: The date the table is judged as of.
    description_ar: التاريخ الذي قُيّم فيه الجدول.
tests:
  - unique: dispute_id
  - not_null: [dispute_id, employer_id, status, submitted_on, age_days, sla_days, sla_breached, escalated, is_open, data_issues]
  - expression: is_open = (closed_on IS NULL)
  - expression: is_open = (outcome IS NULL)
  - expression: sla_breached = (age_days > sla_days)
  - expression: >
      decided_before_submission
      OR days_submitted + days_under_review + days_info_requested + days_escalated_legal + days_committee = age_days
    name: days in states add up to the age
  - accepted_values: {column: outcome, values: [accepted, partially_accepted, rejected, withdrawn, closed]}
*/
WITH disputes AS (
  SELECT dispute_id, employer_id, invoice_id, category, disputed_amount, documents_complete, submitted_on
  FROM raw.disputes_current
  WHERE submitted_on <= getvariable('as_of')
),
decisions AS (
  SELECT dispute_id, day AS closed_on, "at" AS decided_at, status AS outcome, resolved_amount
  FROM core.dispute_timeline WHERE is_deciding
),
lives AS (
  SELECT d.*, x.closed_on, x.decided_at, x.outcome, x.resolved_amount,
         coalesce(x.closed_on, CAST(getvariable('as_of') AS DATE)) AS ends_on
  FROM disputes AS d LEFT JOIN decisions AS x ON x.dispute_id = d.dispute_id
),
states AS (
  -- each state lasts from its event's day to the next event's, within [submitted_on, end]; before the first event, submitted
  SELECT l.dispute_id, t.status,
         greatest(least(coalesce(t.next_day, l.ends_on), l.ends_on) - greatest(t.day, l.submitted_on), 0) AS days
  FROM lives AS l JOIN core.dispute_timeline AS t ON t.dispute_id = l.dispute_id
  WHERE NOT t.is_deciding AND NOT t.after_decision
  UNION ALL
  SELECT l.dispute_id, 'submitted',
         greatest(least(coalesce(min(t.day), l.ends_on), l.ends_on) - l.submitted_on, 0)
  FROM lives AS l LEFT JOIN core.dispute_timeline AS t ON t.dispute_id = l.dispute_id
  GROUP BY l.dispute_id, l.submitted_on, l.ends_on
),
in_states AS (
  SELECT dispute_id,
         CAST(sum(days) FILTER (WHERE status = 'submitted') AS INTEGER) AS days_submitted,
         CAST(coalesce(sum(days) FILTER (WHERE status = 'under_review'), 0) AS INTEGER) AS days_under_review,
         CAST(coalesce(sum(days) FILTER (WHERE status = 'info_requested'), 0) AS INTEGER) AS days_info_requested,
         CAST(coalesce(sum(days) FILTER (WHERE status = 'escalated_legal'), 0) AS INTEGER) AS days_escalated_legal,
         CAST(coalesce(sum(days) FILTER (WHERE status = 'committee'), 0) AS INTEGER) AS days_committee
  FROM states GROUP BY dispute_id
),
events AS (
  SELECT t.dispute_id,
         arg_max(t.status, t.seq) AS latest_status,
         bool_or(t.status IN ('escalated_legal', 'committee') AND (l.decided_at IS NULL OR t."at" <= l.decided_at)) AS escalated,
         CAST(count(*) AS INTEGER) AS events,
         -- Riyadh time and amounts as text: the same JSON whatever the session's time zone, exact to the halala
         to_json(list({'event_id': t.event_id, 'at': strftime(timezone('Asia/Riyadh', t."at"), '%Y-%m-%dT%H:%M:%S+03:00'),
                       'status': t.status, 'actor': t.actor, 'resolved_amount': CAST(t.resolved_amount AS VARCHAR)}
                      ORDER BY t.seq)) AS timeline,
         bool_or(t.arrived_out_of_order) AS events_out_of_order,
         bool_or(t.same_second) AS same_second_events,
         bool_or(t.is_deciding AND t.before_submission) AS decided_before_submission,
         CAST(count(*) FILTER (WHERE t.after_decision) AS INTEGER) AS events_after_decision
  FROM core.dispute_timeline AS t JOIN lives AS l ON l.dispute_id = t.dispute_id
  GROUP BY t.dispute_id
),
judged AS (
  SELECT l.*, s.* EXCLUDE (dispute_id), coalesce(e.escalated, false) AS escalated, coalesce(e.events, 0) AS events, e.latest_status,
         coalesce(e.timeline, to_json([])) AS timeline,
         coalesce(e.events_out_of_order, false) AS events_out_of_order, coalesce(e.same_second_events, false) AS same_second_events,
         coalesce(e.decided_before_submission, false) AS decided_before_submission, e.dispute_id IS NULL AS no_events,
         coalesce(e.events_after_decision, 0) AS events_after_decision,
         CAST(l.ends_on - l.submitted_on AS INTEGER) AS age_days
  FROM lives AS l
  JOIN in_states AS s ON s.dispute_id = l.dispute_id
  LEFT JOIN events AS e ON e.dispute_id = l.dispute_id
)
SELECT
  dispute_id, employer_id, invoice_id, category, CAST(disputed_amount AS DECIMAL(18,2)) AS disputed_amount, documents_complete,
  coalesce(latest_status, 'submitted') AS status, submitted_on, closed_on, age_days,
  CASE WHEN escalated THEN getvariable('objections_escalated_sla_days') ELSE getvariable('objections_sla_days') END AS sla_days,
  age_days > CASE WHEN escalated THEN getvariable('objections_escalated_sla_days') ELSE getvariable('objections_sla_days') END
    AS sla_breached,
  escalated, outcome, CAST(resolved_amount AS DECIMAL(18,2)) AS resolved_amount, closed_on IS NULL AS is_open,
  days_submitted, days_under_review, days_info_requested, days_escalated_legal, days_committee,
  events, timeline,
  events_out_of_order, same_second_events, decided_before_submission, no_events, events_after_decision,
  list_filter([CASE WHEN events_out_of_order THEN 'events_out_of_order' END, CASE WHEN same_second_events THEN 'same_second_events' END,
               CASE WHEN decided_before_submission THEN 'decided_before_submission' END, CASE WHEN no_events THEN 'no_events' END,
               CASE WHEN events_after_decision > 0 THEN 'events_after_decision' END], x -> x IS NOT NULL)
    AS data_issues,
  CAST(getvariable('as_of') AS DATE) AS as_of
FROM judged
