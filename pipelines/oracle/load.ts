// Reads the raw extract tables into one plain ledger per employer, for the oracle. Amounts stay
// decimal strings, timestamps ISO text: nothing is computed here.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../lib/duckdb.ts";
import type { EmployerLedger, OracleInvoice } from "./ledger.ts";

type Text = string | null;

export async function loadLedgers(connection: DuckDBConnection): Promise<Map<string, EmployerLedger>> {
  const ledgers = new Map<string, EmployerLedger>();
  const ledgerOf = (employerId: string) => {
    let l = ledgers.get(employerId);
    if (!l) {
      l = {
        employerId,
        status: "unknown",
        accountType: "unknown",
        invoices: [],
        adjustments: [],
        payments: [],
        disputes: [],
        plans: [],
      };
      ledgers.set(employerId, l);
    }
    return l;
  };
  for (const e of await queryRows<{ employer_id: string; status: string; account_type: string }>(
    connection,
    "SELECT employer_id, status, account_type FROM raw.employers WHERE _valid_to IS NULL",
  )) {
    const l = ledgerOf(e.employer_id);
    l.status = e.status;
    l.accountType = e.account_type;
  }
  const invoiceEmployer = new Map<string, string>();
  for (const r of await queryRows<{
    invoice_id: string;
    employer_id: string;
    invoice_type: OracleInvoice["type"];
    period: string;
    issued_on: string;
    due_on: string;
    total_amount: string;
    replaces_invoice_id: Text;
  }>(
    connection,
    `SELECT invoice_id, employer_id, invoice_type, period, CAST(issued_on AS VARCHAR) AS issued_on, CAST(due_on AS VARCHAR) AS due_on,
        total_amount, replaces_invoice_id FROM raw.invoices`,
  )) {
    invoiceEmployer.set(r.invoice_id, r.employer_id);
    ledgerOf(r.employer_id).invoices.push({
      invoiceId: r.invoice_id,
      type: r.invoice_type,
      period: r.period,
      issuedOn: r.issued_on,
      dueOn: r.due_on,
      total: r.total_amount,
      replacesInvoiceId: r.replaces_invoice_id,
    });
  }
  for (const r of await queryRows<{ invoice_id: string; amount: string; approved_by: Text; approved_at: Text }>(
    connection,
    "SELECT invoice_id, amount, approved_by, approved_at FROM raw.invoice_adjustments WHERE _valid_to IS NULL",
  )) {
    const employer = invoiceEmployer.get(r.invoice_id);
    if (employer)
      ledgerOf(employer).adjustments.push({
        invoiceId: r.invoice_id,
        amount: r.amount,
        approvedBy: r.approved_by,
        approvedAt: r.approved_at,
      });
  }
  const payments = await queryRows<{
    payment_id: string;
    employer_id: string;
    amount: string;
    paid_at: string;
    invoice_id: Text;
    reverses_payment_id: Text;
  }>(connection, "SELECT payment_id, employer_id, amount, paid_at, invoice_id, reverses_payment_id FROM raw.payments");
  const paymentEmployer = new Map(payments.filter((p) => p.reverses_payment_id === null).map((p) => [p.payment_id, p.employer_id]));
  for (const p of payments) {
    const row = {
      paymentId: p.payment_id,
      employerId: p.employer_id,
      amount: p.amount,
      paidAt: p.paid_at,
      invoiceId: p.invoice_id,
      reversesPaymentId: p.reverses_payment_id,
    };
    ledgerOf(p.employer_id).payments.push(row);
    // A reversal posted under another employer still removes the payment it names.
    const owner = p.reverses_payment_id === null ? undefined : paymentEmployer.get(p.reverses_payment_id);
    if (owner !== undefined && owner !== p.employer_id) ledgerOf(owner).payments.push(row);
  }
  const events = new Map<string, { at: string; status: string }[]>();
  for (const e of await queryRows<{ dispute_id: string; at: string; status: string }>(
    connection,
    'SELECT dispute_id, "at", status FROM raw.dispute_events',
  ))
    events.set(e.dispute_id, [...(events.get(e.dispute_id) ?? []), { at: e.at, status: e.status }]);
  for (const d of await queryRows<{ dispute_id: string; invoice_id: string; submitted_on: string }>(
    connection,
    "SELECT dispute_id, invoice_id, CAST(submitted_on AS VARCHAR) AS submitted_on FROM raw.disputes WHERE _valid_to IS NULL",
  )) {
    const employer = invoiceEmployer.get(d.invoice_id);
    if (employer)
      ledgerOf(employer).disputes.push({
        invoiceId: d.invoice_id,
        submittedOn: d.submitted_on,
        events: events.get(d.dispute_id) ?? [],
      });
  }
  for (const p of await queryRows<{ employer_id: string; agreed_on: string; status: string }>(
    connection,
    "SELECT employer_id, CAST(agreed_on AS VARCHAR) AS agreed_on, status FROM raw.instalment_plans WHERE _valid_to IS NULL",
  ))
    ledgerOf(p.employer_id).plans.push({ agreedOn: p.agreed_on, status: p.status });
  return ledgers;
}
