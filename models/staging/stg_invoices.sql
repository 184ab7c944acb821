/*
description: >
  Every invoice as issued, with what the rules add to it (rules.md §2): the day a re-issue cancels it
  (the earliest issued_on of the invoices naming it in replaces_invoice_id) and the due date it is
  aged and allocated by — a re-issue keeps the due date of the invoice it replaces, followed back to
  the first invoice of the chain.
description_ar: >
  كل فاتورة كما صدرت، مع ما تضيفه القواعد: اليوم الذي تلغيها فيه فاتورة معاد إصدارها، وتاريخ الاستحقاق
  الذي تُحسب به أعمار المتأخرات ويُخصص به السداد؛ والفاتورة المعاد إصدارها تحتفظ بتاريخ استحقاق
  الفاتورة الأولى في سلسلتها.
grain: one row per invoice_id
materialized: table
columns:
  invoice_id:
    description: Invoice number.
    description_ar: رقم الفاتورة.
  employer_id:
    description: Billed employer.
    description_ar: المنشأة المفوترة.
  invoice_type:
    description: contribution or late_fee.
    description_ar: "نوع الفاتورة: اشتراكات (contribution) أو غرامة تأخير (late_fee)."
  period:
    description: Month billed (for a late fee, the month whose contributions were late).
    description_ar: "الشهر المفوتر (وفي غرامة التأخير: الشهر الذي تأخرت اشتراكاته)."
  issued_on:
    description: Issue date.
    description_ar: تاريخ الإصدار.
  due_on_as_issued:
    description: due_on as delivered.
    description_ar: تاريخ الاستحقاق كما ورد في الملف.
  due_on:
    description: The due date the ledger uses; the original's for a re-issue.
    description_ar: تاريخ الاستحقاق الذي يعتمده السجل، وهو تاريخ الفاتورة الأصلية في حال إعادة الإصدار.
  original_invoice_id:
    description: First invoice of the re-issue chain (itself when it replaces nothing).
    description_ar: الفاتورة الأولى في سلسلة إعادة الإصدار (الفاتورة نفسها إن لم تحل محل غيرها).
  invoice_key:
    description: A whole number in allocation order (employer, due_on, contribution before late fee, invoice_id), so the ledger sorts on one integer; the employer's rank × 2³² plus the invoice's place in its employer's order, so it needs no sort of every invoice.
    description_ar: رقم صحيح بترتيب التخصيص (المنشأة، تاريخ الاستحقاق، الاشتراكات قبل الغرامة، رقم الفاتورة) ليفرز السجل على عدد صحيح واحد.
  replaces_invoice_id:
    description: The invoice this one re-issues, if any.
    description_ar: الفاتورة التي تعيد هذه الفاتورة إصدارها، إن وُجدت.
  cancelled_from:
    description: Day from which a re-issue cancels this invoice; null while none does.
    description_ar: اليوم الذي تُلغى فيه الفاتورة بإعادة إصدارها؛ فارغ ما لم يحدث ذلك.
  type_rank:
    description: 0 for contribution, 1 for late_fee — the tie-break of the allocation order.
    description_ar: صفر للاشتراكات وواحد لغرامة التأخير، للمفاضلة في ترتيب التخصيص.
  annuities_amount:
    description: Billed annuities branch.
    description_ar: المفوتر لفرع المعاشات.
  hazards_amount:
    description: Billed occupational hazards branch.
    description_ar: المفوتر لفرع الأخطار المهنية.
  unemployment_amount:
    description: Billed unemployment (SANED) branch.
    description_ar: المفوتر لفرع التعطل عن العمل (ساند).
  fee_amount:
    description: Billed late fee.
    description_ar: غرامة التأخير المفوترة.
  total_amount:
    description: Total billed, as issued.
    description_ar: إجمالي المبلغ المفوتر كما صدر.
  posting:
    description: auto or manual.
    description_ar: "طريقة الترحيل: آلي أو يدوي."
  posted_by:
    description: User id, or SYSTEM.
    description_ar: معرّف المستخدم الذي رحّل الفاتورة، أو SYSTEM للترحيل الآلي.
tests:
  - unique: invoice_id
  - unique: invoice_key
  - not_null: [invoice_id, employer_id, due_on, total_amount]
  - expression: cancelled_from IS NULL OR cancelled_from >= issued_on
    severity: warn
    name: re-issued no earlier than the original
*/
WITH RECURSIVE reissues AS (
  SELECT invoice_id, replaces_invoice_id, issued_on FROM raw.invoices WHERE replaces_invoice_id IS NOT NULL
),
ancestry(invoice_id, ancestor_id, depth) AS (
  -- each re-issue climbs through the (few) other re-issues towards the first invoice of its chain
  SELECT invoice_id, replaces_invoice_id, 1 FROM reissues
  UNION ALL
  SELECT a.invoice_id, r.replaces_invoice_id, a.depth + 1
  FROM ancestry AS a JOIN reissues AS r ON r.invoice_id = a.ancestor_id
  -- a malformed cycle of re-issues must not loop forever
  WHERE a.depth < 50
),
chain AS (
  -- only a chain that ends at an invoice replacing nothing has an original (not a cycle, not an unknown id)
  SELECT a.invoice_id, o.invoice_id AS original_invoice_id, o.due_on AS original_due_on
  FROM (SELECT invoice_id, arg_max(ancestor_id, depth) AS ancestor_id FROM ancestry GROUP BY invoice_id) AS a
  JOIN raw.invoices AS o ON o.invoice_id = a.ancestor_id AND o.replaces_invoice_id IS NULL
),
cancellations AS (
  SELECT replaces_invoice_id AS invoice_id, min(issued_on) AS cancelled_from FROM reissues GROUP BY 1
),
employers AS (
  SELECT employer_id, row_number() OVER (ORDER BY employer_id) AS employer_rank FROM (SELECT DISTINCT employer_id FROM raw.invoices)
),
invoices AS (
  SELECT i.*, coalesce(c.original_due_on, i.due_on) AS ledger_due_on, coalesce(c.original_invoice_id, i.invoice_id) AS original_invoice_id,
    x.cancelled_from, CASE i.invoice_type WHEN 'contribution' THEN 0 ELSE 1 END AS type_rank
  FROM raw.invoices AS i
  LEFT JOIN chain AS c ON c.invoice_id = i.invoice_id
  LEFT JOIN cancellations AS x ON x.invoice_id = i.invoice_id
)
SELECT
  e.employer_rank * 4294967296 + row_number() OVER (PARTITION BY i.employer_id ORDER BY i.ledger_due_on, i.type_rank, i.invoice_id) AS invoice_key,
  i.invoice_id, i.employer_id, i.invoice_type, i.period, i.issued_on,
  i.due_on AS due_on_as_issued,
  i.ledger_due_on AS due_on,
  i.original_invoice_id,
  i.replaces_invoice_id,
  i.cancelled_from,
  i.type_rank,
  i.annuities_amount, i.hazards_amount, i.unemployment_amount, i.fee_amount, i.total_amount,
  i.posting, i.posted_by
FROM invoices AS i
JOIN employers AS e ON e.employer_id = i.employer_id
