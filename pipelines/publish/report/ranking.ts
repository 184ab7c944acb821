// What matters most this month: the headline KPIs ranked by how far they moved since last month, each
// with the group (region, sector, size class or legal form) whose own change contributed most to it.
import { Decimal } from "decimal.js";
import type { HeadlineKpi, KpiRow } from "../export/kpis.ts";
import { previousPeriod } from "../stamp.ts";

/** The cuts of marts.kpi_monthly a change can be traced to. */
export const DRIVER_DIMENSIONS = ["region", "sector", "size_class", "legal_form"] as const;

/** KPIs that are sums over employers: a group's change is its part of the whole change. */
const ADDITIVE_UNITS = new Set(["SAR", "count"]);

export interface Contribution {
  dimension: string;
  dimension_value: string;
  /** The group's change since last month, exact. */
  delta: string;
  /** delta ÷ the whole change (1 = all of it; more than 1 when other groups moved the other way). */
  share: string;
}

export interface RankedMovement {
  kpi: HeadlineKpi;
  /** |relative change|: how far the KPI moved, comparable across units. */
  size: string;
  driver: Contribution | null;
}

/** Each group's change since last month in one dimension, largest first. */
export function contributions(cuts: KpiRow[], period: string, kpi: string, dimension: string, total: Decimal): Contribution[] {
  const previous = previousPeriod(period);
  const rows = cuts.filter((r) => r.kpi === kpi && r.dimension === dimension);
  const groups = new Map<string, { now: Decimal; before: Decimal }>();
  for (const r of rows) {
    const g = groups.get(r.dimension_value) ?? { now: new Decimal(0), before: new Decimal(0) };
    if (r.period === period) g.now = new Decimal(r.value ?? 0);
    else if (r.period === previous) g.before = new Decimal(r.value ?? 0);
    groups.set(r.dimension_value, g);
  }
  return [...groups.entries()]
    .map(([value, g]) => {
      const delta = g.now.minus(g.before);
      return {
        dimension,
        dimension_value: value,
        delta: delta.toString(),
        share: total.isZero() ? "0" : delta.div(total).toSignificantDigits(6).toString(),
      };
    })
    .sort((a, b) => new Decimal(b.delta).abs().cmp(new Decimal(a.delta).abs()) || a.dimension_value.localeCompare(b.dimension_value));
}

/**
 * The group that did most of the change: across every dimension, the largest change in the same
 * direction as the whole (a group moving against the tide explains nothing). Ratios and days are not
 * sums over groups, so they get none.
 */
export function driverOf(k: HeadlineKpi, cuts: KpiRow[], period: string): Contribution | null {
  if (!ADDITIVE_UNITS.has(k.unit) || !k.vs_previous) return null;
  const total = new Decimal(k.vs_previous.delta);
  if (total.isZero()) return null;
  let best: Contribution | null = null;
  for (const dimension of DRIVER_DIMENSIONS)
    for (const c of contributions(cuts, period, k.kpi, dimension, total)) {
      const d = new Decimal(c.delta);
      if (d.isZero() || d.isPositive() !== total.isPositive()) continue;
      if (!best || d.abs().gt(new Decimal(best.delta).abs())) best = c;
    }
  return best;
}

/** How far a KPI moved: its relative change, or — from zero to something — further than any. */
function sizeOf(k: HeadlineKpi): Decimal | null {
  const c = k.vs_previous;
  if (!c || new Decimal(c.delta).isZero()) return null;
  return c.relative === null ? new Decimal(Number.MAX_SAFE_INTEGER) : new Decimal(c.relative).abs();
}

/** The KPIs that moved, largest movement first (ties in the headline order). */
export function rankMovements(kpis: HeadlineKpi[], cuts: KpiRow[], period: string): RankedMovement[] {
  return kpis
    .flatMap((kpi, order) => {
      const size = sizeOf(kpi);
      return size ? [{ kpi, order, size }] : [];
    })
    .sort((a, b) => b.size.cmp(a.size) || a.order - b.order)
    .map(({ kpi, size }) => ({ kpi, size: size.toString(), driver: driverOf(kpi, cuts, period) }));
}
