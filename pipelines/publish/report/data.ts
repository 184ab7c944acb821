// What the report reads beyond the overview: the month's movement of what employers owe, from the
// balance mart at the two month-ends, and the KPIs' dimension cuts for the month and the month before
// (the commentary names the region, sector, size class or legal form behind each change).
import type { DuckDBConnection } from "@duckdb/node-api";
import { Decimal } from "decimal.js";
import { queryRows } from "../../lib/duckdb.ts";
import { DataFiles } from "../data-files.ts";
import { exportBilling, type BillingBreakdown } from "../export/billing.ts";
import { readKpis, type KpiRow } from "../export/kpis.ts";
import { overviewData, type Overview } from "../export/overview.ts";
import { exportRisk } from "../export/risk.ts";
import type { RiskData } from "../page-data/risk.ts";
import { previousPeriod } from "../stamp.ts";
import { type ConcededRow, objectionsByCategory } from "./objections.ts";
import { readReportFindings, type ReportFindings } from "./findings.ts";
import type { Audience, Stamp } from "../types.ts";

/**
 * opening + billed + adjustments − collected + credit_change = closing, all outstanding (SAR, exact):
 * balance = billed + adjustments − paid = outstanding − credit, so a payment held as credit does not
 * reduce what is outstanding. Of the closing, `arrears` is past due.
 */
export interface Movement {
  opening_on: string;
  closing_on: string;
  opening: string;
  billed: string;
  collected: string;
  adjustments: string;
  credit_change: string;
  closing: string;
  arrears_opening: string;
  arrears: string;
}

export interface ReportData {
  stamp: Stamp;
  overview: Overview;
  billing: BillingBreakdown;
  movement: Movement;
  /** marts.kpi_monthly's dimension cuts for the month and the month before. */
  cuts: KpiRow[];
  /** The objections decided in the month, by category (null without the objection marts). */
  objections?: ConcededRow[] | null;
  findings: ReportFindings;
  /** The Risk page's data (absent where the warehouse has no risk marts). */
  risk?: RiskData;
}

/** The last day of the month before `period`. */
export function openingDate(period: string): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
}

interface Position {
  billed: string;
  adjustments: string;
  paid: string;
  outstanding: string;
  credit: string;
  arrears: string;
}

async function position(connection: DuckDBConnection, on: string): Promise<Position> {
  const [row] = await queryRows<Position & Record<string, unknown>>(
    connection,
    `SELECT CAST(coalesce(sum(b.billed), 0) AS VARCHAR) AS billed, CAST(coalesce(sum(b.adjustments), 0) AS VARCHAR) AS adjustments,
            CAST(coalesce(sum(b.paid), 0) AS VARCHAR) AS paid, CAST(coalesce(sum(b.outstanding), 0) AS VARCHAR) AS outstanding,
            CAST(coalesce(sum(b.credit_balance), 0) AS VARCHAR) AS credit,
            CAST(coalesce((SELECT sum(past_due) FROM marts.arrears_ageing WHERE as_of = $on::DATE), 0) AS VARCHAR) AS arrears
     FROM marts.employer_balance AS b WHERE b.as_of = $on::DATE`,
    { on },
  );
  return row!;
}

export async function readMovement(connection: DuckDBConnection, stamp: Stamp): Promise<Movement> {
  const openingOn = openingDate(stamp.period);
  const [open, close] = [await position(connection, openingOn), await position(connection, stamp.period_end)];
  const diff = (k: keyof Position) => new Decimal(close[k]).minus(open[k]).toFixed(2);
  return {
    opening_on: openingOn,
    closing_on: stamp.period_end,
    opening: new Decimal(open.outstanding).toFixed(2),
    billed: diff("billed"),
    collected: diff("paid"),
    adjustments: diff("adjustments"),
    credit_change: diff("credit"),
    closing: new Decimal(close.outstanding).toFixed(2),
    arrears_opening: new Decimal(open.arrears).toFixed(2),
    arrears: new Decimal(close.arrears).toFixed(2),
  };
}

/** The report's own reading of the warehouse, beside the overview and billing it shares with the site. */
export async function reportExtras(
  connection: DuckDBConnection,
  stamp: Stamp,
): Promise<{ movement: Movement; cuts: KpiRow[]; objections: ConcededRow[] | null; findings: ReportFindings }> {
  const months = new Set([stamp.period, previousPeriod(stamp.period)]);
  const cuts = (await readKpis(connection)).filter((k) => k.dimension !== "all" && months.has(k.period));
  return {
    movement: await readMovement(connection, stamp),
    cuts,
    objections: await objectionsByCategory(connection, stamp.period),
    findings: await readReportFindings(connection, stamp.period),
  };
}

/**
 * Everything the report shows, read straight from a warehouse without building the site (for writing
 * the report alone); the billing breakdown's data files go to `scratch`.
 */
export async function readReportData(
  connection: DuckDBConnection,
  o: { stamp: Stamp; audience: Audience; scratch: string },
): Promise<ReportData> {
  const overview = await overviewData(connection, o.stamp, o.audience);
  const billing = await exportBilling(connection, new DataFiles(o.scratch), new DataFiles(o.scratch), o.audience);
  const risk = await exportRisk(connection, new DataFiles(o.scratch), o.audience);
  return { stamp: o.stamp, overview, billing, risk, ...(await reportExtras(connection, o.stamp)) };
}
