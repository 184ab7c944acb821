/*
description: >
  Every invoice, cancelled ones included, against what the rules say it should be (rules.md §1–§2).
  A contribution invoice is compared with the recomputed contributions of its employer and period
  (core.expected_contributions: engagements covering the month that have a wage row). A late-fee
  invoice is compared with late_fee_rate × the unpaid amount, at the end of the day before its
  issue, of the employer's contribution invoices for the fee's period that were then past due and
  not cancelled (allocation of rules.md §3), rounded half-up to the halala.
description_ar: >
  كل فاتورة، بما فيها الملغاة، مقارنةً بما تقتضيه القواعد: فاتورة الاشتراكات بالاشتراكات المعاد حسابها
  للمنشأة والفترة، وفاتورة غرامة التأخير بنسبة الغرامة من المبلغ غير المسدد من اشتراكات الفترة
  المتأخرة عشية إصدارها، مقرّبًا إلى الهللة.
grain: one row per invoice_id
materialized: table
params:
  billing_late_fee_rate: decimal
columns:
  invoice_id:
    description: Invoice.
    description_ar: الفاتورة.
  employer_id:
    description: Billed employer.
    description_ar: المنشأة المفوترة.
  invoice_type:
    description: contribution or late_fee.
    description_ar: "نوع الفاتورة: اشتراكات أو غرامة تأخير."
  period:
    description: Month billed.
    description_ar: الشهر المفوتر.
  issued_on:
    description: Issue date.
    description_ar: تاريخ الإصدار.
  due_on:
    description: Due date used by the ledger.
    description_ar: تاريخ الاستحقاق الذي يعتمده السجل.
  cancelled:
    description: A re-issue replaces this invoice (it owes nothing from cancelled_on).
    description_ar: أُلغيت بإعادة إصدار (ولا يُستحق عليها شيء من تاريخ الإلغاء).
  cancelled_on:
    description: issued_on of the first re-issue naming it.
    description_ar: تاريخ إصدار أول فاتورة أعادت إصدارها.
  billed_amount:
    description: total_amount as issued, before adjustments.
    description_ar: إجمالي الفاتورة كما صدرت، قبل التسويات.
  expected_amount:
    description: What the rules give.
    description_ar: ما تقتضيه القواعد.
  difference:
    description: billed_amount − expected_amount.
    description_ar: المفوتر ناقص المتوقع.
  billed_annuities:
    description: Annuities as billed (contribution invoices).
    description_ar: المعاشات كما فوترت (فواتير الاشتراكات).
  expected_annuities:
    description: Annuities recomputed.
    description_ar: المعاشات المعاد حسابها.
  billed_hazards:
    description: Occupational hazards as billed.
    description_ar: الأخطار المهنية كما فوترت.
  expected_hazards:
    description: Occupational hazards recomputed.
    description_ar: الأخطار المهنية المعاد حسابها.
  billed_unemployment:
    description: Unemployment as billed.
    description_ar: التعطل عن العمل كما فوتر.
  expected_unemployment:
    description: Unemployment recomputed.
    description_ar: التعطل عن العمل المعاد حسابه.
  contributors_expected:
    description: Contributor-months behind the expected amount (contribution invoices).
    description_ar: عدد أشهر المشتركين التي يقوم عليها المبلغ المتوقع (فواتير الاشتراكات).
  unpaid_base:
    description: For a late fee, the unpaid past-due contribution amount it is 2% of.
    description_ar: "في غرامة التأخير: مبلغ الاشتراكات المتأخرة غير المسدد الذي تُحسب الغرامة نسبةً منه."
tests:
  - unique: invoice_id
  - not_null: [invoice_id, employer_id, invoice_type, billed_amount, expected_amount, difference]
  - expression: difference = billed_amount - expected_amount
  - reconciles: {sum: billed_amount, equals: {model: raw.invoices, sum: total_amount}}
    name: every invoice is checked
*/
WITH expected AS (
  SELECT employer_id, period, sum(annuities) AS annuities, sum(hazards) AS hazards,
         sum(unemployment) AS unemployment, sum(total) AS total, count(*) AS contributors
  FROM core.expected_contributions GROUP BY employer_id, period
),
fee_base AS (
  -- what was unpaid at the end of the eve of each fee's issue, on that period's past-due contribution invoices
  SELECT f.invoice_id, coalesce(sum(i.open_amount), 0) AS unpaid
  FROM (SELECT invoice_id, employer_id, period, CAST(issued_on - 1 AS DATE) AS eve
        FROM staging.stg_invoices WHERE invoice_type = 'late_fee') AS f
  LEFT JOIN (SELECT as_of, employer_id, period, open_amount FROM core.ledger_items
             WHERE invoice_type = 'contribution' AND due_on < as_of AND open_amount > 0) AS i
    ON i.as_of = f.eve AND i.employer_id = f.employer_id AND i.period = f.period
  GROUP BY f.invoice_id
)
SELECT
  i.invoice_id, i.employer_id, i.invoice_type, i.period, i.issued_on, i.due_on,
  i.cancelled_from IS NOT NULL AS cancelled,
  i.cancelled_from AS cancelled_on,
  i.total_amount AS billed_amount,
  CAST(CASE WHEN i.invoice_type = 'contribution' THEN coalesce(e.total, 0)
            ELSE round(fb.unpaid * getvariable('billing_late_fee_rate'), 2) END AS DECIMAL(18,2)) AS expected_amount,
  CAST(i.total_amount - CASE WHEN i.invoice_type = 'contribution' THEN coalesce(e.total, 0)
            ELSE round(fb.unpaid * getvariable('billing_late_fee_rate'), 2) END AS DECIMAL(18,2)) AS difference,
  i.annuities_amount AS billed_annuities,
  CAST(CASE WHEN i.invoice_type = 'contribution' THEN coalesce(e.annuities, 0) ELSE 0 END AS DECIMAL(18,2)) AS expected_annuities,
  i.hazards_amount AS billed_hazards,
  CAST(CASE WHEN i.invoice_type = 'contribution' THEN coalesce(e.hazards, 0) ELSE 0 END AS DECIMAL(18,2)) AS expected_hazards,
  i.unemployment_amount AS billed_unemployment,
  CAST(CASE WHEN i.invoice_type = 'contribution' THEN coalesce(e.unemployment, 0) ELSE 0 END AS DECIMAL(18,2)) AS expected_unemployment,
  CASE WHEN i.invoice_type = 'contribution' THEN coalesce(e.contributors, 0) END AS contributors_expected,
  CAST(fb.unpaid AS DECIMAL(18,2)) AS unpaid_base
FROM staging.stg_invoices AS i
LEFT JOIN expected AS e ON e.employer_id = i.employer_id AND e.period = i.period
LEFT JOIN fee_base AS fb ON fb.invoice_id = i.invoice_id
