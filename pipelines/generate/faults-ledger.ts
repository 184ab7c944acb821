// Planted faults in the money files: invoices and instalment plans (billing), payments and their
// resends across deliveries (payments). Each breaks one rule of extracts.md; see faults.ts.
import { dayOfInstant, dayText, timestampText } from "./calendar.ts";
import { controlOf, type Fields, fieldsOf, line, type Put, q } from "./faults-lines.ts";
import type { World } from "./model.ts";
import type { Slot } from "./schedule.ts";

export function plantBillingFaults(slot: Slot, known: { employer: string }, put: Put): void {
  const issued = dayText(dayOfInstant(slot.createdAt));
  const invoice = (id: string, over: Fields): Fields => ({
    invoice_id: id,
    employer_id: known.employer,
    invoice_type: "contribution",
    period: "2019-01",
    issued_on: issued,
    due_on: issued,
    annuities_amount: "100.00",
    hazards_amount: "20.00",
    unemployment_amount: "10.00",
    fee_amount: "0.00",
    total_amount: "130.00",
    posting: "manual",
    posted_by: "ST00000",
    ...over,
  });
  put(
    slot,
    "invoices",
    invoice("IN-FAULT-1", { total_amount: "131.00" }),
    "total_mismatch",
    q("total_mismatch"),
    "total 131.00 for 130.00 of branches",
    13_100,
  );
  put(
    slot,
    "invoices",
    invoice("IN-FAULT-2", { due_on: "2019-01-01" }),
    "due_before_issue",
    q("due_before_issue"),
    "due before issued",
    13_000,
  );
  put(
    slot,
    "invoices",
    invoice("IN-FAULT-3", { invoice_type: "late_fee", fee_amount: "5.00", total_amount: "135.00" }),
    "late_fee_with_branches",
    q("late_fee_with_branches"),
    "late fee carrying branch amounts",
    13_500,
  );
  put(
    slot,
    "invoices",
    invoice("IN-FAULT-4", { employer_id: "999999998" }),
    "unknown_reference",
    q("unknown_reference"),
    "employer never registered",
    13_000,
  );
  put(
    slot,
    "invoices",
    invoice("IN-FAULT-5", { replaces_invoice_id: "IN-NEVER-ISSUED" }),
    "unknown_reference",
    q("unknown_reference"),
    "re-issue of an unknown invoice",
    13_000,
  );
  const adjustment = (id: string, over: Fields): Fields => ({
    adjustment_id: id,
    invoice_id: "IN-NEVER-ISSUED",
    amount: "-50.00",
    reason_code: "other",
    created_by: "ST00000",
    created_at: `${issued}T01:00:00+03:00`,
    ...over,
  });
  put(
    slot,
    "invoice_adjustments",
    adjustment("AD-FAULT-1", {}),
    "unknown_reference",
    q("unknown_reference"),
    "note on an unknown invoice",
    -5_000,
  );
  put(
    slot,
    "invoice_adjustments",
    adjustment("AD-FAULT-2", { reason_code: "goodwill" }),
    "bad_enum",
    q("bad_enum"),
    "reason goodwill",
    -5_000,
  );
  const plan = (id: string, over: Fields): Fields => ({
    plan_id: id,
    employer_id: known.employer,
    agreed_on: issued,
    total_amount: "5000.00",
    instalments: "12",
    first_due_on: issued,
    status: "active",
    ...over,
  });
  put(slot, "instalment_plans", plan("PL-FAULT-1", { instalments: "61" }), "out_of_range", q("out_of_range"), "61 instalments");
  put(
    slot,
    "instalment_plans",
    plan("PL-FAULT-2", { first_due_on: "2019-01-01" }),
    "first_due_before_agreed",
    q("first_due_before_agreed"),
    "first instalment before agreement",
  );
}

export function plantPaymentFaults(world: World, slot: Slot, known: { employer: string }, put: Put): void {
  const at = timestampText(slot.cutoff - 7200);
  const payment = (id: string, over: Fields): Fields => ({
    payment_id: id,
    employer_id: known.employer,
    amount: "250.00",
    paid_at: at,
    channel: "sadad",
    bank_code: "RJHI",
    posted_by: "SADAD",
    ...over,
  });
  put(slot, "payments", payment("PY-FAULT-1", { channel: "visa" }), "bad_enum", q("bad_enum"), "channel visa", 25_000);
  put(slot, "payments", payment("PY-FAULT-2", { amount: "-5.00" }), "negative_amount", q("not_positive_amount"), "amount -5.00", -500);
  put(
    slot,
    "payments",
    payment("PY-FAULT-3", { employer_id: "999999997" }),
    "unknown_reference",
    q("unknown_reference"),
    "employer never registered",
    25_000,
  );
  put(
    slot,
    "payments",
    payment("PY-FAULT-4", { paid_at: at.replace(/T\d\d/, "T25") }),
    "wrong_type",
    q("bad_timestamp"),
    "hour 25",
    25_000,
  );
  put(slot, "payments", payment("PY-FAULT-5", { amount: "1O0.00" }), "wrong_type", q("bad_amount"), "letter O in the amount");
  put(
    slot,
    "payments",
    payment("PY-FAULT-6", { amount: "300.00" }),
    "conflicting_key",
    q("conflicting_key"),
    "same payment id, other amount",
    30_000,
  );
  put(
    slot,
    "payments",
    payment("PY-FAULT-6", { amount: "310.00" }),
    "conflicting_key",
    q("conflicting_key"),
    "same payment id, other amount",
    31_000,
  );
  const first = world.out.mainFile(slot, "payments").firstLine;
  if (first && !first.startsWith("PY-FAULT"))
    put(
      slot,
      "payments",
      first,
      "identical_resend",
      "skip:duplicate_row",
      "the file's first row again",
      controlOf(world.out.mainFile(slot, "payments"), first),
    );
  // Across deliveries: an earlier day's payment sent again, once as it was and once altered.
  const earlier = world.out.schedule.payments
    .slice(0, slot.index)
    .reverse()
    .map((p) => world.out.existing(p, "payments"))
    .find((f) => f?.firstLine);
  if (earlier?.firstLine) {
    // Two later days, so the two rows do not also conflict with each other inside one file.
    const fields = fieldsOf(earlier, earlier.firstLine);
    const resend = world.out.schedule.payments[slot.index + 1]!;
    const again = line(world.out.mainFile(resend, "payments"), fields);
    put(
      resend,
      "payments",
      again,
      "resend_across_deliveries",
      "skip:duplicate_row",
      `payment ${fields.payment_id} delivered before`,
      controlOf(world.out.mainFile(resend, "payments"), again),
    );
    const alter = world.out.schedule.payments[slot.index + 2]!;
    const altered = line(world.out.mainFile(alter, "payments"), { ...fields, amount: "1.00" });
    put(
      alter,
      "payments",
      altered,
      "conflicting_key_across_deliveries",
      q("conflicting_key"),
      `payment ${fields.payment_id} delivered before with another amount`,
      100,
    );
  }
}
