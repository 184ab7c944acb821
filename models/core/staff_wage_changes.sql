/*
description: >
  Staff changes to declared wages (activity_log), each with the day its period was billed and whether it
  was made outside working hours (detectors.working_hours, Riyadh time): the one input of the back-dated
  and after-hours detectors, which split these changes between them.
description_ar: تعديلات الموظفين على الأجور المصرّح بها، مع يوم فوترة الشهر وهل جرى التعديل خارج ساعات العمل.
grain: one row per activity_log event_id
materialized: table
params:
  detectors_working_hours_weekend_isodow: varchar
  detectors_working_hours_start_hour: integer
  detectors_working_hours_end_hour: integer
columns:
  event_id:
    description: "The activity_log event."
    description_ar: "حدث سجل النشاط."
  actor_id:
    description: "Staff user who made the change."
    description_ar: "مستخدم الموظفين الذي أجرى التعديل."
  entity_id:
    description: "The wage: period|employer_id|contributor_id."
    description_ar: "الأجر: الشهر|المنشأة|المشترك."
  field:
    description: "Field changed."
    description_ar: "الحقل المعدَّل."
  old_value:
    description: "Value before."
    description_ar: "القيمة قبل التعديل."
  new_value:
    description: "Value after."
    description_ar: "القيمة بعد التعديل."
  local_at:
    description: "When, Riyadh time."
    description_ar: "وقت التعديل بتوقيت الرياض."
  period:
    description: "Month of the wage."
    description_ar: "شهر الأجر."
  employer_id:
    description: "Employer of the wage."
    description_ar: "منشأة الأجر."
  contributor_id:
    description: "Contributor of the wage."
    description_ar: "مشترك الأجر."
  billed_on:
    description: "Issue day of the period's first contribution invoice (null while unbilled)."
    description_ar: "يوم إصدار أول فاتورة اشتراكات للشهر."
  after_hours:
    description: "Made on a weekend day or outside working hours."
    description_ar: "أُجري في عطلة نهاية الأسبوع أو خارج ساعات العمل."
*/
WITH changes AS (
  SELECT l.event_id, l.actor_id, l.entity_id, l.field, l.old_value, l.new_value,
         timezone('Asia/Riyadh', l.at) AS local_at,
         split_part(l.entity_id, '|', 1) AS period, split_part(l.entity_id, '|', 2) AS employer_id,
         split_part(l.entity_id, '|', 3) AS contributor_id
  FROM raw.activity_log AS l
  WHERE l.entity = 'wage' AND l.action = 'update' AND l.actor_role = 'staff'
)
SELECT c.*,
       -- closed: the period was billed (its first contribution invoice issued) on or before the change
       (SELECT min(i.issued_on) FROM staging.stg_invoices AS i
        WHERE i.employer_id = c.employer_id AND i.period = c.period AND i.invoice_type = 'contribution') AS billed_on,
       list_contains(from_json(getvariable('detectors_working_hours_weekend_isodow'), '["INTEGER"]'), isodow(c.local_at))
         OR hour(c.local_at) < getvariable('detectors_working_hours_start_hour')
         OR hour(c.local_at) >= getvariable('detectors_working_hours_end_hour') AS after_hours
FROM changes AS c
