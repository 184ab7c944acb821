// Billing- and payment-system extracts: wages declared, invoices, adjustments, payments, instalment plans.
import { z } from "zod";
import { Decimal } from "decimal.js";
import { amount, date, enumOf, integer, period, text, timestamp } from "./columns.ts";
import { defineEntity } from "./entity.ts";

export const wages = defineEntity({
  name: "wages",
  kind: "event",
  doc: "The contributory wage declared for a contributor with an account for a month.",
  schema: z.object({
    period: period().key().required("The month the wage is for."),
    employer_id: text().key().references("employers", "employer_id").required("The account declaring."),
    contributor_id: text().key().references("contributors", "contributor_id").required("The insured person."),
    basic_wage: amount("non_negative").required("Basic monthly wage, SAR."),
    housing_allowance: amount("non_negative").required("Housing allowance, SAR."),
    declared_at: timestamp().required("When the wage was declared."),
    declared_by: text().required("User or channel id."),
  }),
  rowRules: [],
});

const BRANCH_AMOUNTS = ["annuities_amount", "hazards_amount", "unemployment_amount", "fee_amount"] as const;
const sum = (row: Record<string, string | null>, cols: readonly string[]) =>
  cols.reduce((acc, c) => acc.plus(new Decimal(row[c] ?? 0)), new Decimal(0));

export const invoices = defineEntity({
  name: "invoices",
  kind: "event",
  doc: "What the billing system billed: monthly contribution invoices and late-fee invoices.",
  schema: z.object({
    invoice_id: text().key().required("Invoice number."),
    employer_id: text().references("employers", "employer_id").required("The account billed."),
    invoice_type: enumOf(["contribution", "late_fee"] as const).required("Contribution or late fee."),
    period: period().required("The month billed (for a late fee, the month whose contributions were late)."),
    issued_on: date().required("Issue date."),
    due_on: date().required("Due date; on or after issued_on."),
    annuities_amount: amount("non_negative").required("Annuities branch, SAR (0 for late fees)."),
    hazards_amount: amount("non_negative").required("Occupational hazards branch, SAR (0 for late fees)."),
    unemployment_amount: amount("non_negative").required("Unemployment (SANED) branch, SAR (0 for late fees)."),
    fee_amount: amount("non_negative").required("Late fee, SAR (0 for contribution invoices)."),
    total_amount: amount("non_negative").control().required("The four amounts above (control total column)."),
    posting: enumOf(["auto", "manual"] as const).required("Automatic posting or manual review."),
    posted_by: text().required("User id, or `SYSTEM` for automatic postings."),
    replaces_invoice_id: text()
      .references("invoices", "invoice_id")
      .nullable("A re-issue: the invoice it names is cancelled from this one's issued_on on."),
  }),
  rowRules: [
    {
      code: "due_before_issue",
      message: "due_on must be on or after issued_on",
      sql: "{due_on} >= {issued_on}",
      check: (row) => row.due_on >= row.issued_on,
    },
    {
      code: "total_mismatch",
      message: "total_amount must equal annuities + hazards + unemployment + fee",
      sql: "{total_amount} = {annuities_amount} + {hazards_amount} + {unemployment_amount} + {fee_amount}",
      check: (row) => new Decimal(row.total_amount).eq(sum(row, BRANCH_AMOUNTS)),
    },
    {
      code: "late_fee_with_branches",
      message: "a late_fee invoice carries only fee_amount (branch amounts 0)",
      sql: "{invoice_type} <> 'late_fee' OR {annuities_amount} + {hazards_amount} + {unemployment_amount} = 0",
      check: (row) => row.invoice_type !== "late_fee" || sum(row, BRANCH_AMOUNTS.slice(0, 3)).isZero(),
    },
    {
      code: "contribution_with_fee",
      message: "a contribution invoice carries no fee_amount (0)",
      sql: "{invoice_type} <> 'contribution' OR {fee_amount} = 0",
      check: (row) => row.invoice_type !== "contribution" || new Decimal(row.fee_amount).isZero(),
    },
  ],
});

export const ADJUSTMENT_REASONS = [
  "wage_correction",
  "retroactive_registration",
  "fee_waiver",
  "dispute_settlement",
  "billing_error",
  "other",
] as const;

export const invoiceAdjustments = defineEntity({
  name: "invoice_adjustments",
  kind: "snapshot",
  doc: "Credit and debit notes on an invoice; the approval arrives later as a new version of the row.",
  schema: z.object({
    adjustment_id: text().key().required("Adjustment key."),
    invoice_id: text().references("invoices", "invoice_id").required("The invoice adjusted."),
    amount: amount("signed").control().required("Signed: negative lowers what is owed (control total column)."),
    reason_code: enumOf(ADJUSTMENT_REASONS).required("Why the invoice was adjusted."),
    created_by: text().required("Staff user who created it."),
    created_at: timestamp().required("When it was created."),
    approved_by: text().nullable("Approver; null = not approved (not yet effective)."),
    approved_at: timestamp().nullable("When it was approved."),
  }),
  rowRules: [],
});

export const payments = defineEntity({
  name: "payments",
  kind: "event",
  doc: "Money received, and reversals of it (returned transfers, bounced cheques).",
  schema: z.object({
    payment_id: text().key().required("Payment key."),
    employer_id: text().references("employers", "employer_id").required("The paying account."),
    amount: amount("positive").control().required("> 0; a reversal carries the reversed amount (control total column)."),
    paid_at: timestamp().required("When the money was received."),
    channel: enumOf(["sadad", "bank_transfer", "cash", "cheque"] as const).required("Payment channel."),
    bank_code: text().nullable("Bank."),
    invoice_id: text().nullable("The invoice the payer named, if any (not checked: payers mistype)."),
    reverses_payment_id: text().nullable("Set on a reversal: the payment it reverses."),
    posted_by: text().required("User or channel that posted it."),
  }),
  rowRules: [],
});

export const instalmentPlans = defineEntity({
  name: "instalment_plans",
  kind: "snapshot",
  doc: "Negotiated settlements of arrears.",
  schema: z.object({
    plan_id: text().key().required("Plan key."),
    employer_id: text().references("employers", "employer_id").required("The account in arrears."),
    agreed_on: date().required("When the plan was agreed."),
    total_amount: amount("positive").required("Amount settled by the plan, SAR."),
    instalments: integer(2, 60).required("Number of instalments, 2–60."),
    first_due_on: date().required("First instalment due; on or after agreed_on."),
    status: enumOf(["active", "completed", "defaulted", "cancelled"] as const).required("Plan status."),
  }),
  rowRules: [
    {
      code: "first_due_before_agreed",
      message: "first_due_on must be on or after agreed_on",
      sql: "{first_due_on} >= {agreed_on}",
      check: (row) => row.first_due_on >= row.agreed_on,
    },
  ],
});
