// Valid rows for each entity, to build test deliveries from (tests spoil single fields on purpose).
import { luhnCheckDigit } from "../../pipelines/contracts/luhn.ts";

export const nationalId = (body: string) => body + luhnCheckDigit(body);

export const employer = (id: string, over: Record<string, string | null> = {}) => ({
  employer_id: id,
  account_type: "establishment",
  cr_number: `1010${id.slice(3)}`,
  name_ar: 'شركة التحصيل، "المحدودة"',
  name_en: "Tahseel Co",
  legal_form: "private",
  sector: "C",
  region: "RIYADH",
  registered_on: "2020-01-05",
  status: "active",
  status_changed_on: null,
  ...over,
});

export const contributor = (id: string, over: Record<string, string | null> = {}) => ({
  contributor_id: id,
  name_ar: "محمد عبدالله",
  name_en: "Mohammed Abdullah",
  nationality: id.startsWith("1") ? "SA" : "EG",
  birth_date: "1990-03-01",
  gender: "M",
  first_registered_on: "2015-06-01",
  ...over,
});

export const wage = (period: string, employerId: string, contributorId: string, over: Record<string, string | null> = {}) => ({
  period,
  employer_id: employerId,
  contributor_id: contributorId,
  basic_wage: "4000.00",
  housing_allowance: "1000.00",
  declared_at: `${period}-20T10:00:00+03:00`,
  declared_by: "portal",
  ...over,
});

export const payment = (id: string, employerId: string, amount: string, over: Record<string, string | null> = {}) => ({
  payment_id: id,
  employer_id: employerId,
  amount,
  paid_at: "2026-11-10T09:30:00+03:00",
  channel: "sadad",
  bank_code: "RJHI",
  invoice_id: null,
  reverses_payment_id: null,
  posted_by: "SYSTEM",
  ...over,
});

export const invoice = (id: string, employerId: string, over: Record<string, string | null> = {}) => ({
  invoice_id: id,
  employer_id: employerId,
  invoice_type: "contribution",
  period: "2026-10",
  issued_on: "2026-11-01",
  due_on: "2026-11-15",
  annuities_amount: "900.00",
  hazards_amount: "100.00",
  unemployment_amount: "75.00",
  fee_amount: "0.00",
  total_amount: "1075.00",
  posting: "auto",
  posted_by: "SYSTEM",
  replaces_invoice_id: null,
  ...over,
});

export const engagement = (id: string, contributorId: string, employerId: string, over: Record<string, string | null> = {}) => ({
  engagement_id: id,
  contributor_id: contributorId,
  employer_id: employerId,
  scheme: "mandatory",
  occupation_code: "2411",
  joined_on: "2024-01-01",
  left_on: null,
  ...over,
});

export const adjustment = (id: string, invoiceId: string, over: Record<string, string | null> = {}) => ({
  adjustment_id: id,
  invoice_id: invoiceId,
  amount: "-100.00",
  reason_code: "billing_error",
  created_by: "u101",
  created_at: "2026-11-05T11:00:00+03:00",
  approved_by: null,
  approved_at: null,
  ...over,
});

export const dispute = (id: string, employerId: string, invoiceId: string, over: Record<string, string | null> = {}) => ({
  dispute_id: id,
  employer_id: employerId,
  invoice_id: invoiceId,
  category: "wage_mismatch",
  disputed_amount: "500.00",
  submitted_on: "2026-11-08",
  documents_complete: "true",
  ...over,
});

export const disputeEvent = (id: string, disputeId: string, over: Record<string, string | null> = {}) => ({
  event_id: id,
  dispute_id: disputeId,
  at: "2026-11-08T09:00:00+03:00",
  status: "submitted",
  actor: "employer",
  resolved_amount: null,
  ...over,
});

export const instalmentPlan = (id: string, employerId: string, over: Record<string, string | null> = {}) => ({
  plan_id: id,
  employer_id: employerId,
  agreed_on: "2026-09-01",
  total_amount: "12000.00",
  instalments: "12",
  first_due_on: "2026-10-01",
  status: "active",
  ...over,
});

export const activity = (id: string, over: Record<string, string | null> = {}) => ({
  event_id: id,
  at: "2026-11-03T22:15:00+03:00",
  actor_id: "u101",
  actor_role: "staff",
  action: "update",
  entity: "wage",
  entity_id: "2026-09|100000001|1000000016",
  field: "basic_wage",
  old_value: "4000.00",
  new_value: "9000.00",
  channel: "backoffice",
  ...over,
});

/** A valid row of each entity whose key depends on `i`, so samples never collide by accident. */
export function validRow(entity: string, i: number): Record<string, string | null> {
  const n = String(i).padStart(4, "0");
  switch (entity) {
    case "employers":
      return employer(`10000${n}`);
    case "contributors":
      return contributor(nationalId(`1000${n}00`.slice(0, 9)));
    case "engagements":
      return engagement(`E${n}`, nationalId("100000001"), "100000001");
    case "invoices":
      return invoice(`INV-${n}`, "100000001");
    case "invoice_adjustments":
      return adjustment(`A${n}`, "INV1");
    case "disputes":
      return dispute(`D${n}`, "100000001", "INV1");
    case "instalment_plans":
      return instalmentPlan(`PL${n}`, "100000001");
    case "wages":
      return wage(`${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`, "100000001", nationalId("100000001"));
    case "payments":
      return payment(`P${n}`, "100000001", "10.00");
    case "dispute_events":
      return disputeEvent(`EV${n}`, "D1");
    case "activity_log":
      return activity(`AC${n}`);
    default:
      throw new Error(entity);
  }
}
