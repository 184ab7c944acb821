// marts.compliance_monthly straight from the spec (rules.md §5, outputs.md), the plain way, to hold the
// SQL to: one row per employer and month M with an engagement covering a day of M, from the earliest
// wage period delivered to the month before the as-of month. Payment is judged with the oracle's
// allocation (§3), recomputed as of every day on which anything that moves it happened.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../lib/duckdb.ts";
import { allocate, type Allocation } from "./allocation.ts";
import { addDays, daysBetween, monthEnd, riyadhDay } from "./days.ts";
import { cancellationDays, ledgerDueOn, type EmployerLedger, type OracleInvoice } from "./ledger.ts";
import { loadLedgers } from "./load.ts";

export interface ComplianceSpecRow {
  employer_id: string;
  period: string;
  contributors_engaged: number;
  wages_declared: boolean;
  declared_on_time: boolean;
  paid_in_full_by_due: boolean;
  days_late: number | null;
  compliant: boolean;
}

export interface Engagement {
  employerId: string;
  contributorId: string;
  joinedOn: string;
  leftOn: string | null;
}

export interface Declaration {
  period: string;
  employerId: string;
  contributorId: string;
  declaredAt: string;
}

export interface ComplianceWorld {
  engagements: Engagement[];
  wages: Declaration[];
  ledgers: Map<string, EmployerLedger>;
}

export async function loadComplianceWorld(connection: DuckDBConnection): Promise<ComplianceWorld> {
  const engagements = (
    await queryRows<{ employer_id: string; contributor_id: string; joined_on: string; left_on: string | null }>(
      connection,
      "SELECT employer_id, contributor_id, joined_on, left_on FROM raw.engagements WHERE _valid_to IS NULL",
    )
  ).map((e) => ({ employerId: e.employer_id, contributorId: e.contributor_id, joinedOn: e.joined_on, leftOn: e.left_on }));
  const wages = (
    await queryRows<{ period: string; employer_id: string; contributor_id: string; declared_at: string }>(
      connection,
      "SELECT period, employer_id, contributor_id, declared_at FROM raw.wages",
    )
  ).map((w) => ({ period: w.period, employerId: w.employer_id, contributorId: w.contributor_id, declaredAt: w.declared_at }));
  return { engagements, wages, ledgers: await loadLedgers(connection) };
}

const nextPeriod = (period: string) => addDays(monthEnd(`${period}-01`), 1).slice(0, 7);

/** Every period from `first` to the month before the as-of month. */
export function reportedPeriods(first: string, asOf: string): string[] {
  const out: string[] = [];
  for (let p = first; p < asOf.slice(0, 7); p = nextPeriod(p)) out.push(p);
  return out;
}

export function complianceSpec(world: ComplianceWorld, asOf: string): ComplianceSpecRow[] {
  if (world.wages.length === 0) return [];
  const first = world.wages.map((w) => w.period).sort()[0]!; // YYYY-MM sorts as text
  // as of D: a wage declared after D is not declared yet
  const declared = new Map(
    world.wages.filter((w) => riyadhDay(w.declaredAt) <= asOf).map((w) => [`${w.period}|${w.employerId}|${w.contributorId}`, w.declaredAt]),
  );
  const rows: ComplianceSpecRow[] = [];
  const allocations: Allocations = new Map();
  for (const period of reportedPeriods(first, asOf)) {
    const firstDay = `${period}-01`;
    const lastDay = monthEnd(firstDay);
    const engaged = new Map<string, Set<string>>();
    for (const e of world.engagements) {
      if (e.joinedOn > lastDay || (e.leftOn !== null && e.leftOn < firstDay)) continue;
      engaged.set(e.employerId, (engaged.get(e.employerId) ?? new Set()).add(e.contributorId));
    }
    for (const [employerId, contributors] of engaged) {
      const days = [...contributors].map((c) => declared.get(`${period}|${employerId}|${c}`));
      const wagesDeclared = days.every((d) => d !== undefined);
      const declaredOnTime = days.every((d) => d !== undefined && riyadhDay(d) <= lastDay);
      const payment = paymentOf(world.ledgers.get(employerId), period, asOf, allocations);
      rows.push({
        employer_id: employerId,
        period,
        contributors_engaged: contributors.size,
        wages_declared: wagesDeclared,
        declared_on_time: declaredOnTime,
        paid_in_full_by_due: payment.paidInFullByDue,
        days_late: payment.daysLate,
        compliant: wagesDeclared && declaredOnTime && payment.paidInFullByDue,
      });
    }
  }
  return rows;
}

/**
 * M's contribution invoice (the one not cancelled as of D; should the billing system leave several,
 * each must be paid, and the latest settled counts): paid in full by its due date (the allocation as of
 * the due date, or of D when that comes first), and the days from the due date to the day from which
 * it stays fully paid (as of D; null while open).
 */
function paymentOf(ledger: EmployerLedger | undefined, period: string, asOf: string, allocations: Allocations): Payment {
  if (!ledger) return { paidInFullByDue: false, daysLate: null };
  const cancelled = cancellationDays(ledger);
  const invoices = ledger.invoices.filter(
    (i) =>
      i.type === "contribution" && i.period === period && i.issuedOn <= asOf && !((cancelled.get(i.invoiceId) ?? "9999-12-31") <= asOf),
  );
  if (invoices.length === 0) return { paidInFullByDue: false, daysLate: null };
  const judged = invoices.map((i) => invoicePayment(ledger, i, asOf, allocations));
  return {
    paidInFullByDue: judged.every((j) => j.paidInFullByDue),
    daysLate: judged.some((j) => j.daysLate === null) ? null : Math.max(...judged.map((j) => j.daysLate!)),
  };
}

interface Payment {
  paidInFullByDue: boolean;
  daysLate: number | null;
}

/** Each employer's allocation as of each day asked for, computed once. */
type Allocations = Map<string, Allocation>;

function invoicePayment(ledger: EmployerLedger, invoice: OracleInvoice, asOf: string, allocations: Allocations): Payment {
  const dueOn = ledgerDueOn(ledger, invoice);
  /** Fully paid as of `day`: issued by then, not cancelled, nothing left open. */
  const paidAsOf = (day: string) => {
    const key = `${ledger.employerId}|${day}`;
    const allocation = allocations.get(key) ?? allocate(ledger, day);
    allocations.set(key, allocation);
    return allocation.items.find((i) => i.invoice.invoiceId === invoice.invoiceId)?.open.isZero() === true;
  };
  const paidInFullByDue = paidAsOf(dueOn < asOf ? dueOn : asOf);
  if (!paidAsOf(asOf)) return { paidInFullByDue, daysLate: null };
  if (dueOn >= asOf) return { paidInFullByDue, daysLate: 0 };
  // The allocation only moves on days something happens: the due date and each such day after it, to D.
  const moves = new Set<string>([dueOn]);
  for (const i of ledger.invoices) moves.add(i.issuedOn);
  for (const p of ledger.payments) moves.add(riyadhDay(p.paidAt));
  for (const a of ledger.adjustments) if (a.approvedAt !== null) moves.add(riyadhDay(a.approvedAt));
  const days = [...moves].filter((d) => d >= dueOn && d <= asOf).sort();
  let paidFrom = dueOn;
  days.forEach((day, k) => {
    if (!paidAsOf(day)) paidFrom = days[k + 1] ?? asOf;
  });
  return { paidInFullByDue, daysLate: daysBetween(paidFrom, dueOn) };
}
