// Independent computations of the compliance and payment-channel KPIs, in TypeScript over plain rows
// read from a built warehouse: the compliance rates from marts.compliance_monthly's employer-months,
// the channel KPIs from staging.stg_payments and staging.stg_invoices. marts.kpi_monthly must agree.
import { Decimal } from "decimal.js";
import { query } from "./helpers/warehouse.ts";

/** key: period|kpi|dimension|dimension_value → exact value (null for a ratio with no denominator). */
export type Expected = Map<string, string | null>;
const DIMENSIONS = ["region", "sector", "size_class", "legal_form"] as const;

const ratio = (n: number, d: number) => (d ? new Decimal(n).div(d).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(6) : null);

/** The 15th of the month after `period` (rules.md §2), the due date of a month without an invoice. */
const nominalDue = (period: string) => {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 15)).toISOString().slice(0, 10);
};

export async function expectedComplianceKpis(db: string, asOf: string): Promise<Expected> {
  const rows = await query<Record<string, string | boolean | null>>(
    db,
    `SELECT c.period, c.declared_on_time, c.paid_in_full_by_due, c.compliant, CAST(c.due_on AS VARCHAR) AS due_on,
       m.region, m.sector, m.size_class, m.legal_form
     FROM marts.compliance_monthly AS c JOIN core.kpi_measures AS m USING (employer_id, period)`,
  );
  const groups = new Map<string, { obliged: number; onTime: number; judged: number; paid: number; compliant: number }>();
  for (const r of rows) {
    const judged = String(r.due_on ?? nominalDue(String(r.period))) <= asOf;
    for (const [dim, value] of [["all", "all"], ...DIMENSIONS.map((d) => [d, String(r[d])])] as [string, string][]) {
      const key = `${r.period}|${dim}|${value}`;
      const g = groups.get(key) ?? { obliged: 0, onTime: 0, judged: 0, paid: 0, compliant: 0 };
      g.obliged++;
      if (r.declared_on_time) g.onTime++;
      if (judged) {
        g.judged++;
        if (r.paid_in_full_by_due) g.paid++;
        if (r.compliant) g.compliant++;
      }
      groups.set(key, g);
    }
  }
  const out: Expected = new Map();
  for (const [key, g] of groups) {
    const [period, dim, value] = key.split("|");
    out.set(`${period}|compliance_rate|${dim}|${value}`, ratio(g.compliant, g.judged));
    out.set(`${period}|declared_on_time_rate|${dim}|${value}`, ratio(g.onTime, g.obliged));
    out.set(`${period}|paid_by_due_rate|${dim}|${value}`, ratio(g.paid, g.judged));
  }
  return out;
}

/** The median of whole numbers: the middle one, or the mean of the two middle ones. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Overall (dimension all) and by region, where region is the employer's as registered. */
export async function expectedChannelKpis(db: string, asOf: string): Promise<Expected> {
  const payments = await query<Record<string, string | null>>(
    db,
    `SELECT p.channel, CAST(p.amount AS VARCHAR) AS amount, CAST(p.paid_on AS VARCHAR) AS paid_on,
       CAST(p.reversed_on AS VARCHAR) AS reversed_on, coalesce(e.region, 'unknown') AS region,
       CASE WHEN i.invoice_type = 'contribution' AND i.employer_id = p.employer_id THEN CAST(i.due_on AS VARCHAR) END AS due_on
     FROM staging.stg_payments AS p LEFT JOIN staging.stg_invoices AS i ON i.invoice_id = p.named_invoice_id
     LEFT JOIN staging.stg_employers AS e ON e.employer_id = p.employer_id`,
  );
  type G = { collected: Decimal; received: number; reversed: number; days: number[] };
  const groups = new Map<string, G>();
  const at = (period: string, channel: string, dim: string, value: string) => {
    const key = `${period}|${channel}|${dim}|${value}`;
    if (!groups.has(key)) groups.set(key, { collected: new Decimal(0), received: 0, reversed: 0, days: [] });
    return groups.get(key)!;
  };
  for (const p of payments) {
    for (const [dim, value] of [
      ["all", "all"],
      ["region", p.region!],
    ]) {
      const g = at(p.paid_on!.slice(0, 7), p.channel!, dim!, value!);
      g.collected = g.collected.plus(p.amount!);
      g.received++;
      const reversed = p.reversed_on != null && p.reversed_on <= asOf;
      if (reversed) g.reversed++;
      else if (p.due_on) g.days.push(daysBetween(p.due_on, p.paid_on!));
      // a reversal takes the money off in the month it happens
      if (p.reversed_on) {
        const r = at(p.reversed_on.slice(0, 7), p.channel!, dim!, value!);
        r.collected = r.collected.minus(p.amount!);
      }
    }
  }
  const out: Expected = new Map();
  for (const [key, g] of groups) {
    const [period, channel, dim, value] = key.split("|");
    const m = median(g.days);
    out.set(`${period}|collected_${channel}|${dim}|${value}`, g.collected.toFixed(6));
    out.set(`${period}|reversal_rate_${channel}|${dim}|${value}`, ratio(g.reversed, g.received));
    out.set(`${period}|days_from_due_${channel}|${dim}|${value}`, m === null ? null : new Decimal(m).toFixed(6));
  }
  return out;
}

/** marts.kpi_monthly's values of some KPIs, keyed as Expected. */
export async function heldKpis(db: string, where: string): Promise<Expected> {
  const rows = await query<{ key: string; value: string | null }>(
    db,
    `SELECT period || '|' || kpi || '|' || dimension || '|' || dimension_value AS key, CAST(value AS VARCHAR) AS value
     FROM marts.kpi_monthly WHERE ${where}`,
  );
  return new Map(rows.map((r) => [r.key, r.value]));
}
