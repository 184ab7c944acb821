// The report's plain-language commentary, computed from the numbers: which way each figure moved,
// by how much, and which region or sector moved it most. The sentences themselves are built in
// dashboards/components/phrases.ts, which the pages use too; this module picks them for the report.
import { Decimal } from "decimal.js";
import type { Digits } from "../../../dashboards/components/format.ts";
import type { Lang } from "../../../dashboards/components/i18n.ts";
import * as phrases from "../../../dashboards/components/phrases.ts";
import type { BillingBreakdown } from "../export/billing.ts";
import type { Overview } from "../export/overview.ts";

export { kpiSentence, sentence } from "../../../dashboards/components/phrases.ts";

export const severitySentence = (o: Overview, lang: Lang, digits: Digits): string =>
  phrases.severitySentence(o.ageing, o.period, lang, digits);

export const suspensionSentence = (o: Overview, lang: Lang, digits: Digits): string =>
  phrases.suspensionSentence(o.suspension, lang, digits);

/** Invoices posted manually among the standing ones that differ. */
const manualWithDifference = (b: BillingBreakdown): number =>
  Number((b.by_posting.find((p) => p.posting === "manual") as { with_difference?: number } | undefined)?.with_difference ?? 0);

export const billingSentence = (b: BillingBreakdown, lang: Lang, digits: Digits): string =>
  phrases.billingSentence(b.summary, manualWithDifference(b), lang, digits);

/** A KPI's clause with what drove it, as one sentence. */
const withDriver = (o: Overview, kpi: string, lang: Lang, digits: Digits): string | null => {
  const k = o.kpis.find((x) => x.kpi === kpi);
  return k ? phrases.sentence(phrases.kpiClause(k, lang, digits) + phrases.driverClause(o.drivers[kpi]?.[0], lang, digits)) : null;
};

/**
 * The headline KPIs' sentences, the largest move first (by its relative size, points for ratios
 * weighed as per cent), each with what drove it where the overview names a driver; unmoved KPIs and
 * those without a previous month are left out. For a report that ranks what matters.
 */
export function rankedKpiSentences(o: Overview, lang: Lang, digits: Digits, limit = 6): string[] {
  // a change from zero has no relative size: it ranks as a 100 % move
  const size = (k: Overview["kpis"][number]) => {
    const c = k.vs_previous;
    if (!c) return new Decimal(-1);
    const delta = new Decimal(c.delta);
    return (k.unit === "ratio" ? delta : c.relative !== null ? new Decimal(c.relative) : new Decimal(delta.isZero() ? 0 : 1)).abs();
  };
  return o.kpis
    .filter((k) => size(k).gt(0))
    .sort((a, b) => size(b).comparedTo(size(a)))
    .slice(0, limit)
    .map((k) => withDriver(o, k.kpi, lang, digits)!);
}

/** The summary: a handful of sentences a manager can read in a minute. */
export function summary(o: Overview, billing: BillingBreakdown, lang: Lang, digits: Digits): string[] {
  const plain = (kpi: string) => {
    const k = o.kpis.find((x) => x.kpi === kpi);
    return k ? phrases.kpiSentence(k, lang, digits) : null;
  };
  return [
    withDriver(o, "collected", lang, digits),
    plain("billed"),
    plain("on_time_collection_rate"),
    withDriver(o, "arrears", lang, digits),
    severitySentence(o, lang, digits),
    suspensionSentence(o, lang, digits),
    billingSentence(billing, lang, digits),
  ].filter((s): s is string => s !== null);
}
