/*
description: >
  Money received (rules.md §3): every payment row that is not itself a reversal, with the Riyadh day
  it was paid and the Riyadh day from which a reversal removes it (the earliest reversal naming it).
  Reversal rows pay nothing and are not listed; a reversal naming an unknown payment changes nothing.
description_ar: >
  المبالغ المحصلة: كل دفعة ليست عكسًا لدفعة أخرى، مع يوم سدادها بتوقيت الرياض واليوم الذي يلغيها فيه
  أول عكس لها. قيود العكس لا تسدد شيئًا ولا تُدرج.
grain: one row per payment_id (reversal rows excluded)
materialized: table
columns:
  payment_id:
    description: Payment number.
    description_ar: رقم الدفعة.
  employer_id:
    description: Paying employer.
    description_ar: المنشأة الدافعة.
  amount:
    description: Amount received, SAR.
    description_ar: المبلغ المحصل بالريال.
  paid_at:
    description: Timestamp of the payment.
    description_ar: وقت السداد.
  paid_on:
    description: Riyadh calendar day of paid_at.
    description_ar: يوم السداد بتوقيت الرياض.
  channel:
    description: sadad, bank_transfer, cash or cheque.
    description_ar: "قناة السداد: سداد، حوالة بنكية، نقدًا أو شيك."
  named_invoice_id:
    description: The invoice the payer named, if any (it may be unknown, cancelled or another employer's).
    description_ar: الفاتورة التي سمّاها الدافع، إن وُجدت (وقد تكون مجهولة أو ملغاة أو لمنشأة أخرى).
  reversed_on:
    description: Riyadh day of the first reversal naming this payment; null if never reversed.
    description_ar: يوم أول عكس لهذه الدفعة بتوقيت الرياض؛ فارغ إن لم تُعكس.
tests:
  - unique: payment_id
  - not_null: [payment_id, employer_id, amount, paid_on]
  - expression: amount > 0
*/
WITH reversals AS (
  SELECT reverses_payment_id AS payment_id, min(CAST(timezone('Asia/Riyadh', paid_at) AS DATE)) AS reversed_on
  FROM raw.payments WHERE reverses_payment_id IS NOT NULL GROUP BY 1
)
SELECT
  p.payment_id, p.employer_id, p.amount, p.paid_at,
  -- explicit zone: the engine's second connection does not share the first one's TimeZone setting
  CAST(timezone('Asia/Riyadh', p.paid_at) AS DATE) AS paid_on,
  p.channel,
  p.invoice_id AS named_invoice_id,
  r.reversed_on
FROM raw.payments AS p
LEFT JOIN reversals AS r ON r.payment_id = p.payment_id
WHERE p.reverses_payment_id IS NULL
