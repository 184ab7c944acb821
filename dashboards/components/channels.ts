// Collections by payment channel (SADAD, bank transfer, cash, cheque) for the Collections page: what
// each brought in over time, and for the month shown its amount, the share of its payments reversed
// and the median days from the due date to payment — cash and transfers settle and fail differently.
import type { KpiCell } from "../../pipelines/publish/page-data/collections.ts";
import { linesOverTime } from "./charts.js";
import type { Ctx } from "./context.js";
import { h, section } from "./dom.js";
import { changeBetween, kpiValue } from "./format.js";
import { code } from "./i18n.js";
import { CHANNEL_NAMES, type PaymentChannel } from "./kpi-catalogue-compliance.js";
import { changeCell, kpiLinks } from "./kpi.js";
import { dataTable } from "./table.js";

/** `cells`: the channel KPIs overall (dimension all) by month; `period`: the month shown. */
export function channelsSection(ctx: Ctx, cells: KpiCell[], period: string): HTMLElement {
  const value = new Map(cells.map(([p, k, , , v]) => [`${p}|${k}`, v]));
  const get = (p: string | undefined, k: string) => (p ? (value.get(`${p}|${k}`) ?? null) : null);
  const periods = [...new Set(cells.map((c) => c[0]))].sort();
  const previous = periods[periods.indexOf(period) - 1];
  return section(
    "channels",
    ctx.w("channels.title"),
    h("p", { class: "hint" }, ctx.w("channels.hint")),
    kpiLinks(ctx, "collected_sadad"),
    linesOverTime(
      ctx,
      CHANNEL_NAMES.flatMap((c) => periods.map((p) => ({ period: p, series: code(ctx.lang, c), value: get(p, `collected_${c}`) }))),
      { label: ctx.w("channels.title"), height: 240 },
    ),
    dataTable<{ channel: PaymentChannel }>({
      lang: ctx.lang,
      csv: `collections-by-channel-${period}`,
      columns: [
        { key: "channel", label: ctx.w("channels.channel"), show: (r) => code(ctx.lang, r.channel) },
        {
          key: "collected",
          label: ctx.w("channels.collected"),
          numeric: true,
          value: (r) => get(period, `collected_${r.channel}`),
          show: (r) => kpiValue(get(period, `collected_${r.channel}`), "SAR", ctx.lang, ctx.digits),
        },
        {
          key: "change",
          label: ctx.w("report.change"),
          numeric: true,
          value: (r) => changeBetween(get(period, `collected_${r.channel}`), get(previous, `collected_${r.channel}`))?.delta,
          show: (r) =>
            changeCell(
              ctx,
              `collected_${r.channel}`,
              changeBetween(get(period, `collected_${r.channel}`), get(previous, `collected_${r.channel}`)),
              "SAR",
            ),
        },
        {
          key: "reversal_rate",
          label: ctx.w("channels.reversal_rate"),
          numeric: true,
          value: (r) => get(period, `reversal_rate_${r.channel}`),
          show: (r) => kpiValue(get(period, `reversal_rate_${r.channel}`), "ratio", ctx.lang, ctx.digits),
        },
        {
          key: "days_from_due",
          label: ctx.w("channels.days_from_due"),
          numeric: true,
          value: (r) => get(period, `days_from_due_${r.channel}`),
          show: (r) => kpiValue(get(period, `days_from_due_${r.channel}`), "days", ctx.lang, ctx.digits),
        },
      ],
      rows: CHANNEL_NAMES.map((channel) => ({ channel })),
      rowAttrs: (r) => ({ "data-channel": r.channel }),
    }),
  );
}
