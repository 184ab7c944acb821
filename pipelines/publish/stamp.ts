// What a published page says about its data: the warehouse's as-of date, the month reported on,
// the run behind the numbers and when the page was built.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../lib/duckdb.ts";
import { UserError } from "../lib/errors.ts";
import type { Audience, Stamp } from "./types.ts";

const monthOf = (date: string) => date.slice(0, 7);
const lastDayOf = (period: string) => {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
export const previousPeriod = (period: string, months = 1) => {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - months, 1));
  return d.toISOString().slice(0, 7);
};

/**
 * The report month is the last complete month as of the as-of date (a management report is about a
 * closed month); when the data holds no complete month yet, the as-of month itself.
 */
export function reportPeriod(asOf: string, periods: string[], asked?: string): { period: string; periodEnd: string } {
  if (asked) {
    if (!periods.includes(asked)) throw new UserError(`--period ${asked} is not in the KPIs (${periods[0]} … ${periods.at(-1)})`);
    return { period: asked, periodEnd: asked === monthOf(asOf) ? asOf : lastDayOf(asked) };
  }
  const complete = lastDayOf(monthOf(asOf)) === asOf ? monthOf(asOf) : previousPeriod(monthOf(asOf));
  const period = periods.includes(complete) ? complete : monthOf(asOf);
  return { period, periodEnd: period === monthOf(asOf) ? asOf : lastDayOf(period) };
}

export async function hasLedger(connection: DuckDBConnection): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(
    connection,
    "SELECT (SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'marts' AND table_name = 'arrears_ageing')::INTEGER AS n",
  );
  if (!row?.n) return false;
  const [rows] = await queryRows<{ n: number }>(connection, "SELECT count(*)::INTEGER AS n FROM marts.arrears_ageing");
  return (rows?.n ?? 0) > 0;
}

export async function readStamp(
  connection: DuckDBConnection,
  o: { audience: Audience; runId?: string; period?: string; now: Date },
): Promise<Stamp> {
  const [dates] = await queryRows<{ as_of: string | null }>(
    connection,
    "SELECT CAST(max(as_of) AS VARCHAR) AS as_of FROM marts.arrears_ageing",
  );
  const asOf = dates?.as_of;
  if (!asOf) throw new UserError("the warehouse has no built ledger (marts.arrears_ageing is empty); run `tahseel build` first");
  const periods = (await queryRows<{ period: string }>(connection, "SELECT DISTINCT period FROM marts.kpi_monthly ORDER BY period")).map(
    (r) => r.period,
  );
  const { period, periodEnd } = reportPeriod(asOf, periods, o.period);
  const [run] = await queryRows<{ run_id: string; git_sha: string | null }>(
    connection,
    o.runId
      ? "SELECT run_id, git_sha FROM audit.runs WHERE run_id = $id"
      : "SELECT run_id, git_sha FROM audit.runs WHERE status = 'success' ORDER BY started_at DESC LIMIT 1",
    o.runId ? { id: o.runId } : undefined,
  );
  return {
    as_of: asOf,
    period,
    period_end: periodEnd,
    run_id: o.runId ?? run?.run_id ?? "unknown",
    built_at: o.now.toISOString(),
    audience: o.audience,
    git_sha: run?.git_sha ?? null,
  };
}
