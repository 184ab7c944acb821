/*
description: >
  Monthly compliance per employer (rules.md §5, outputs.md): for every employer and month M in which
  at least one engagement covers a day of M, from the earliest wage period delivered to the month
  before the as-of month, whether it declared a wage for every engaged contributor, each by the end of
  M (Riyadh time), and paid M's contribution invoice in full by its due date, judged by the allocation
  as of the due date. compliant = both expectations: every wage declared, on time, and paid in full by
  the due date. An employer engaged in M with no contribution invoice for M is not paid in full; M's
  invoice is the one not cancelled as of D (if the billing system left several uncancelled, each must
  be paid by its due date, days_late is the largest, and invoice_id names the latest issued). days_late
  counts from the due date to the day from which the invoice stays fully paid, judged as of D (0 when
  that is on or before the due date, null while it is open or when there is no invoice).
  Declarations: core.compliance_declarations; invoices: core.compliance_invoices (the ledger's allocation).
description_ar: >
  الالتزام الشهري لكل منشأة: لكل منشأة وشهر تغطي فيه فترة عمل يومًا منه، هل صرّحت عن أجر كل مشترك
  مرتبط بها قبل نهاية الشهر، وهل سددت فاتورة اشتراكات الشهر كاملة حتى تاريخ استحقاقها وفق التخصيص في
  ذلك التاريخ. المنشأة ملتزمة إذا تحقق الأمران معًا؛ والمنشأة المرتبطة بمشتركين في الشهر دون فاتورة
  اشتراكات له لا تُعد مسددة.
grain: one row per employer_id and period
materialized: table
params:
  as_of: date
columns:
  employer_id:
    description: Employer.
    description_ar: المنشأة.
  period:
    description: Month M, YYYY-MM.
    description_ar: الشهر YYYY-MM.
  contributors_engaged:
    description: Contributors with an engagement covering at least one day of M.
    description_ar: عدد المشتركين الذين تغطي فترة عملهم يومًا واحدًا على الأقل من الشهر.
  wages_declared:
    description: Every engaged contributor has a wage row for M (declared by D).
    description_ar: صُرّح عن أجر كل مشترك مرتبط للشهر (حتى التاريخ المرجعي).
  declared_on_time:
    description: Every engaged contributor's wage for M was declared by the end of M, Riyadh time.
    description_ar: صُرّح عن أجر كل مشترك مرتبط للشهر قبل نهايته بتوقيت الرياض.
  paid_in_full_by_due:
    description: M's contribution invoice had nothing open as of its due date (false with no invoice).
    description_ar: لم يبق شيء قائم على فاتورة اشتراكات الشهر في تاريخ استحقاقها (ولا يتحقق إن لم توجد فاتورة).
  days_late:
    description: >
      Days from the due date to the day from which the invoice stays fully paid; 0 if on or before the due
      date; null while open or with no invoice.
    description_ar: الأيام من تاريخ الاستحقاق إلى اليوم الذي تبقى منه الفاتورة مسددة بالكامل؛ صفر إن سُدّدت في الموعد أو قبله؛ فارغ ما دامت قائمة أو إن لم توجد فاتورة.
  compliant:
    description: wages_declared, declared_on_time and paid_in_full_by_due all hold.
    description_ar: تحقق التصريح عن كل الأجور، وفي الموعد، والسداد الكامل حتى تاريخ الاستحقاق.
  invoice_id:
    description: M's contribution invoice (not cancelled as of D); null when there is none.
    description_ar: فاتورة اشتراكات الشهر (غير الملغاة في التاريخ المرجعي)؛ فارغ إن لم توجد.
  invoices:
    description: How many uncancelled contribution invoices M has (normally 1).
    description_ar: عدد فواتير اشتراكات الشهر غير الملغاة (واحدة في العادة).
  due_on:
    description: Due date of M's invoice.
    description_ar: تاريخ استحقاق فاتورة الشهر.
  due_passed:
    description: The due date is on or before D (otherwise paid_in_full_by_due is judged as of D).
    description_ar: حلّ تاريخ الاستحقاق في التاريخ المرجعي أو قبله (وإلا قُيّم السداد في التاريخ المرجعي).
  payment_judged:
    description: >
      The due date — the invoice's, or the 15th of M+1 (rules.md §2) when there is none — is on or before D,
      so paid_in_full_by_due and compliant are final; the compliance KPIs count only these months for payment.
    description_ar: حلّ تاريخ الاستحقاق (تاريخ الفاتورة، أو 15 من الشهر التالي إن لم توجد) في التاريخ المرجعي أو قبله، فالحكم بالسداد نهائي.
  open_amount:
    description: What M's invoice still owes as of D, SAR.
    description_ar: ما بقي مستحقًا على فاتورة الشهر في التاريخ المرجعي، بالريال.
  settled_on:
    description: The day from which the invoice stays fully paid, when after the due date.
    description_ar: اليوم الذي تبقى منه الفاتورة مسددة بالكامل، إذا جاء بعد تاريخ الاستحقاق.
  contributors_not_declared:
    description: Engaged contributors with no wage row for M.
    description_ar: المشتركون المرتبطون الذين لم يُصرَّح عن أجرهم للشهر.
  contributors_declared_late:
    description: Engaged contributors whose wage for M was declared after the end of M.
    description_ar: المشتركون المرتبطون الذين صُرّح عن أجرهم للشهر بعد نهايته.
  as_of:
    description: The date the table is judged as of.
    description_ar: التاريخ الذي قُيّم فيه الجدول.
tests:
  - unique: [employer_id, period]
  - not_null: [employer_id, period, contributors_engaged, wages_declared, declared_on_time, paid_in_full_by_due, compliant]
  - expression: contributors_engaged > 0
  - expression: compliant = (wages_declared AND declared_on_time AND paid_in_full_by_due)
  - expression: NOT declared_on_time OR wages_declared
    name: declared on time implies declared
  - expression: invoice_id IS NOT NULL OR (NOT paid_in_full_by_due AND days_late IS NULL)
    name: no invoice, not paid in full
  - relationships: {column: invoice_id, to: core.compliance_invoices}
*/
WITH invoices AS (
  SELECT employer_id, period,
         CAST(count(*) AS INTEGER) AS invoices,
         -- the latest issued, ties to the greatest id (a pair compares without building text for every row)
         arg_max(invoice_id, (issued_on, invoice_id)) AS invoice_id,
         bool_and(paid_in_full_by_due) AS paid_in_full_by_due,
         CASE WHEN bool_and(days_late IS NOT NULL) THEN max(days_late) END AS days_late,
         max(due_on) AS due_on,
         sum(open_amount) AS open_amount,
         max(settled_on) AS settled_on
  FROM core.compliance_invoices
  GROUP BY employer_id, period
)
SELECT
  d.employer_id, d.period, d.contributors_engaged,
  d.contributors_not_declared = 0 AS wages_declared,
  d.contributors_not_declared = 0 AND d.contributors_declared_late = 0 AS declared_on_time,
  coalesce(i.paid_in_full_by_due, false) AS paid_in_full_by_due,
  i.days_late,
  d.contributors_not_declared = 0 AND d.contributors_declared_late = 0 AND coalesce(i.paid_in_full_by_due, false) AS compliant,
  i.invoice_id, coalesce(i.invoices, 0) AS invoices, i.due_on, i.due_on <= getvariable('as_of') AS due_passed,
  coalesce(i.due_on, CAST(CAST(d.period || '-15' AS DATE) + INTERVAL 1 MONTH AS DATE)) <= getvariable('as_of') AS payment_judged,
  CAST(i.open_amount AS DECIMAL(18,2)) AS open_amount, i.settled_on,
  d.contributors_not_declared, d.contributors_declared_late,
  CAST(getvariable('as_of') AS DATE) AS as_of
FROM core.compliance_declarations AS d
LEFT JOIN invoices AS i ON i.employer_id = d.employer_id AND i.period = d.period
