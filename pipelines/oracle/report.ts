// The oracle's version of the ledger marts: for every reporting date (each month-end from the first
// invoice or payment, and the as-of date), each active employer's balance, ageing and suspension.
import type { Decimal } from "decimal.js";
import type { Rules } from "../rules/index.ts";
import { ageing, suspension, type Ageing, type Suspension } from "./ageing.ts";
import { allocate, type Allocation } from "./allocation.ts";
import { monthEndsBetween, riyadhDay } from "./days.ts";
import { hasActivity, type EmployerLedger } from "./ledger.ts";

export interface EmployerReport {
  employerId: string;
  asOf: string;
  allocation: Allocation;
  ageing: Ageing;
  suspension: Suspension | null;
}

/** The first day anything happened in the whole book: the month-ends start from its month. */
export function firstDay(ledgers: Iterable<EmployerLedger>): string | null {
  let first: string | null = null;
  for (const l of ledgers) {
    for (const i of l.invoices) if (first === null || i.issuedOn < first) first = i.issuedOn;
    for (const p of l.payments) {
      const d = riyadhDay(p.paidAt);
      if (first === null || d < first) first = d;
    }
  }
  return first;
}

export function reportingDates(ledgers: Iterable<EmployerLedger>, asOf: string): string[] {
  const first = firstDay(ledgers);
  if (first === null) return [asOf];
  return [...new Set([...monthEndsBetween(first, asOf), asOf])].sort();
}

export function employerReport(ledger: EmployerLedger, asOf: string, rules: Rules): EmployerReport | null {
  if (!hasActivity(ledger, asOf)) return null;
  const allocation = allocate(ledger, asOf);
  return {
    employerId: ledger.employerId,
    asOf,
    allocation,
    ageing: ageing(ledger, allocation, rules),
    suspension: suspension(ledger, allocation, rules),
  };
}

export function* oracleReports(ledgers: readonly EmployerLedger[], asOf: string, rules: Rules): Generator<EmployerReport> {
  for (const day of reportingDates(ledgers, asOf))
    for (const ledger of ledgers) {
      const report = employerReport(ledger, day, rules);
      if (report) yield report;
    }
}

export const sar = (d: Decimal) => d.toFixed(2);
