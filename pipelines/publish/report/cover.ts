// The report's first page: the month, who it is for and which data it shows, the headline figures
// with their change on last month, and what moved most, ranked.
import { Decimal } from "decimal.js";
import { dateWithHijri, kpiChange, kpiValue, month, riyadhTime, type Digits } from "../../../dashboards/components/format.ts";
import { kpiLabel, t } from "../../../dashboards/components/i18n.ts";
import { tone } from "../../../dashboards/components/kpi-catalogue.ts";
import type { HeadlineKpi } from "../export/kpis.ts";
import type { Audience, Lang } from "../types.ts";
import type { ReportData } from "./data.ts";
import { movementSentences } from "./highlights.ts";
import { rankMovements } from "./ranking.ts";
import { trendChart } from "./charts.ts";
import { esc } from "./svg.ts";
import { w } from "./words.ts";

/** The figures on the cover, in the order shown. */
export const COVER_KPIS = ["billed", "collected", "on_time_collection_rate", "arrears", "arrears_ratio", "days_sales_outstanding"] as const;

/** Movements named on the cover; the rest are in the KPI table. */
export const HIGHLIGHTS = 5;

function tile(k: HeadlineKpi, lang: Lang, digits: Digits): string {
  const change = kpiChange(k.vs_previous, k.unit, lang, digits, t(lang, "points"));
  // the arrow says which way; its colour whether that is good, by the KPI catalogue's direction
  const way = k.vs_previous ? new Decimal(k.vs_previous.delta).cmp(0) : 0;
  const arrow = way > 0 ? "▲" : way < 0 ? "▼" : "■";
  const meaning = tone(k.kpi, way > 0 ? "up" : way < 0 ? "down" : "flat");
  return (
    `<div class="tile" data-kpi="${k.kpi}" data-value="${k.value ?? ""}"><div class="label">${esc(kpiLabel(lang, k.kpi))}</div>` +
    `<div class="value">${esc(kpiValue(k.value, k.unit, lang, digits))}</div>` +
    `<div class="change">${
      change
        ? `<span class="arrow ${meaning}" aria-hidden="true">${arrow}</span> <bdi>${esc(change)}</bdi> ${esc(w(lang, "vs.previous"))}`
        : "&#160;"
    }</div></div>`
  );
}

export function renderCover(d: ReportData, lang: Lang, audience: Audience, digits: Digits): string {
  const o = d.overview;
  const meta: [string, string][] = [
    [t(lang, "stamp.as_of"), dateWithHijri(d.stamp.as_of, lang, digits)],
    [t(lang, "position.at"), dateWithHijri(o.period_end, lang, digits)],
    [t(lang, "stamp.run"), d.stamp.run_id],
    [t(lang, "stamp.built"), riyadhTime(d.stamp.built_at, lang, digits)],
    [t(lang, "stamp.audience"), t(lang, `audience.${audience}`)],
  ];
  const tiles = COVER_KPIS.flatMap((key) => o.kpis.filter((k) => k.kpi === key)).map((k) => tile(k, lang, digits));
  const ranked = rankMovements(o.kpis, d.cuts, o.period).slice(0, HIGHLIGHTS);
  const highlights = ranked.length
    ? `<ol class="highlights">${ranked
        .map((m) => {
          const driver = m.driver ? ` data-driver="${esc(`${m.driver.dimension}:${m.driver.dimension_value}`)}"` : "";
          return `<li data-kpi="${m.kpi.kpi}" data-size="${m.size}"${driver}>${movementSentences(m, lang, digits).map(esc).join(" ")}</li>`;
        })
        .join("")}</ol>`
    : `<p>${esc(w(lang, "cover.no_change"))}</p>`;
  return (
    `<section class="page cover" data-section="report.cover">` +
    `<div class="band"><p class="kicker">${esc(w(lang, "cover.kicker"))}</p><h1>${esc(t(lang, "report.title"))}</h1>` +
    `<p class="period" data-period="${o.period}">${esc(month(o.period, lang, digits))}</p></div>` +
    `<dl class="meta">${meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}` +
    `<dt></dt><dd><span class="classification">${esc(w(lang, "classification"))}</span></dd></dl>` +
    `<h2>${esc(w(lang, "cover.figures"))}</h2><div class="tiles">${tiles.join("")}</div>` +
    `<h2>${esc(w(lang, "cover.highlights"))}</h2>${highlights}${trendChart(o, lang, digits, 200)}</section>`
  );
}
