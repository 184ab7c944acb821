// The Overview's objection tile and the report's objections section share these figures: the open
// backlog (count and amount) at the report month's end and the month before, from marts.kpi_monthly, so
// the tile, the report and the Objections page's KPI cards read one definition.
import type { ObjectionTile } from "../page-data/objection-tile.ts";
import { previousPeriod } from "../stamp.ts";
import type { KpiRow } from "./kpis.ts";

export function objectionTile(kpis: KpiRow[], period: string): ObjectionTile | null {
  const value = (p: string, kpi: string) => kpis.find((k) => k.dimension === "all" && k.period === p && k.kpi === kpi)?.value ?? null;
  const open = value(period, "objection_backlog");
  if (open === null) return null;
  const previous = previousPeriod(period);
  return {
    period,
    open: Number(open),
    open_amount: value(period, "objection_backlog_amount") ?? "0",
    previous_open: value(previous, "objection_backlog") === null ? null : Number(value(previous, "objection_backlog")),
    previous_amount: value(previous, "objection_backlog_amount"),
    sla_breach_rate: value(period, "objection_sla_breach_rate"),
  };
}
