// Valid rows for each entity, to build test deliveries from (tests spoil single fields on purpose).
import { luhnCheckDigit } from "../../pipelines/contracts/luhn.ts";

export const nationalId = (body: string) => body + luhnCheckDigit(body);

export const employer = (id: string, over: Record<string, string | null> = {}) => ({
  employer_id: id, account_type: "establishment", cr_number: "1010" + id.slice(3), name_ar: "شركة التحصيل، \"المحدودة\"",
  name_en: "Tahseel Co", legal_form: "private", sector: "C", region: "RIYADH", registered_on: "2020-01-05",
  status: "active", status_changed_on: null, ...over,
});

export const contributor = (id: string, over: Record<string, string | null> = {}) => ({
  contributor_id: id, name_ar: "محمد عبدالله", name_en: "Mohammed Abdullah", nationality: id.startsWith("1") ? "SA" : "EG",
  birth_date: "1990-03-01", gender: "M", first_registered_on: "2015-06-01", ...over,
});

export const wage = (period: string, employerId: string, contributorId: string, over: Record<string, string | null> = {}) => ({
  period, employer_id: employerId, contributor_id: contributorId, basic_wage: "4000.00", housing_allowance: "1000.00",
  declared_at: `${period}-20T10:00:00+03:00`, declared_by: "portal", ...over,
});

export const payment = (id: string, employerId: string, amount: string, over: Record<string, string | null> = {}) => ({
  payment_id: id, employer_id: employerId, amount, paid_at: "2026-11-10T09:30:00+03:00", channel: "sadad",
  bank_code: "RJHI", invoice_id: null, reverses_payment_id: null, posted_by: "SYSTEM", ...over,
});

export const invoice = (id: string, employerId: string, over: Record<string, string | null> = {}) => ({
  invoice_id: id, employer_id: employerId, invoice_type: "contribution", period: "2026-10", issued_on: "2026-11-01",
  due_on: "2026-11-15", annuities_amount: "900.00", hazards_amount: "100.00", unemployment_amount: "75.00",
  fee_amount: "0.00", total_amount: "1075.00", posting: "auto", posted_by: "SYSTEM", replaces_invoice_id: null, ...over,
});
