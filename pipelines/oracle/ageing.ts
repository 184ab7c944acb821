// Arrears ageing, severity and suspension (rules.md §4) of one employer as of a day, from its
// allocation. Settings come from config/rules.json (arrears.*), never from constants here.
import { Decimal } from "decimal.js";
import type { Rules } from "../rules/index.ts";
import type { Allocation } from "./allocation.ts";
import { daysBetween, riyadhDay } from "./days.ts";
import type { EmployerLedger } from "./ledger.ts";

export type Severity = "critical" | "high" | "medium" | "low" | "none";

export interface Ageing {
  outstanding: Decimal;
  /** not yet due, then one bucket per edge interval, then over the last edge. */
  buckets: Decimal[];
  pastDue: Decimal;
  disputed: Decimal;
  severity: Severity;
}

const DECIDING = new Set(["accepted", "partially_accepted", "rejected", "withdrawn", "closed"]);

/** Invoices with an objection submitted on or before `day` and not decided on or before it. */
export function undecidedInvoices(ledger: EmployerLedger, day: string): Set<string> {
  const out = new Set<string>();
  for (const d of ledger.disputes) {
    if (d.submittedOn > day) continue;
    const decided = d.events.some((e) => DECIDING.has(e.status) && riyadhDay(e.at) <= day);
    if (!decided) out.add(d.invoiceId);
  }
  return out;
}

export function ageing(ledger: EmployerLedger, allocation: Allocation, rules: Rules): Ageing {
  const day = allocation.asOf;
  const edges = rules.arrears.ageing_bucket_edges;
  const buckets = Array.from({ length: edges.length + 2 }, () => new Decimal(0));
  const disputedIds = undecidedInvoices(ledger, day);
  let pastDue = new Decimal(0);
  let disputed = new Decimal(0);
  let oldest = -Infinity;
  for (const item of allocation.items) {
    if (item.open.isZero()) continue;
    const late = daysBetween(day, item.dueOn);
    let bucket = 0;
    if (late > 0) {
      bucket = edges.findIndex((edge) => late <= edge) + 1;
      if (bucket === 0) bucket = edges.length + 1;
      pastDue = pastDue.plus(item.open);
      oldest = Math.max(oldest, late);
    }
    buckets[bucket] = buckets[bucket]!.plus(item.open);
    if (disputedIds.has(item.invoice.invoiceId)) disputed = disputed.plus(item.open);
  }
  return {
    outstanding: allocation.outstanding,
    buckets,
    pastDue,
    disputed,
    severity: severityOf(pastDue, oldest, rules),
  };
}

/** The first rule that holds; under the tolerance in total, none. */
export function severityOf(pastDue: Decimal, oldestDaysPastDue: number, rules: Rules): Severity {
  const { tolerance, severity } = rules.arrears;
  if (pastDue.lessThanOrEqualTo(0) || pastDue.lessThan(tolerance)) return "none";
  for (const level of ["critical", "high", "medium"] as const) {
    const rule = severity[level];
    if (oldestDaysPastDue > rule.over_days || pastDue.greaterThanOrEqualTo(rule.past_due_at_least)) return level;
  }
  return "low";
}

export interface Suspension {
  pastDueUndisputed: Decimal;
  oldestDueOn: string;
}

/** A suspension candidate's facts, or null when the employer is not one as of the allocation's day. */
export function suspension(ledger: EmployerLedger, allocation: Allocation, rules: Rules): Suspension | null {
  const day = allocation.asOf;
  const { tolerance, suspension: s } = rules.arrears;
  if (ledger.status !== "active" || ledger.accountType !== "establishment") return null;
  if (ledger.plans.some((p) => p.status === "active" && p.agreedOn <= day)) return null;
  const disputedIds = undecidedInvoices(ledger, day);
  let pastDue = new Decimal(0);
  let undisputed = new Decimal(0);
  let oldestDueOn: string | null = null;
  for (const item of allocation.items) {
    if (item.open.isZero() || daysBetween(day, item.dueOn) <= 0) continue;
    pastDue = pastDue.plus(item.open);
    if (disputedIds.has(item.invoice.invoiceId)) continue;
    undisputed = undisputed.plus(item.open);
    if (oldestDueOn === null || item.dueOn < oldestDueOn) oldestDueOn = item.dueOn;
  }
  if (oldestDueOn === null || pastDue.lessThan(tolerance) || undisputed.lessThan(s.min_past_due)) return null;
  if (daysBetween(day, oldestDueOn) <= s.over_days) return null;
  return { pastDueUndisputed: undisputed, oldestDueOn };
}
