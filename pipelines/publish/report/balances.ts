// The report's balance pages: the month's movement of what employers owe (a waterfall and the same
// steps as a table, each with what it counts) with arrears over 13 months; and arrears at the month's
// end by severity and ageing bucket (a chart, and a table with a column per severity so it fits the
// page at any size of amounts).
import { Decimal } from "decimal.js";
import { amount, dateWithHijri, gregorian, integer, sar, type Digits } from "../../../dashboards/components/format.ts";
import { code, kpiDefinition, t, type Lang } from "../../../dashboards/components/i18n.ts";
import { BUCKETS, SEVERITIES } from "../export/ageing.ts";
import type { Overview } from "../export/overview.ts";
import { ageingChart, arrearsTrendChart, movementChart, movementSteps } from "./charts.ts";
import { severitySentence } from "./commentary.ts";
import type { ReportData } from "./data.ts";
import { esc, signedSar } from "./svg.ts";
import { num, para, table, type Cell } from "./table.ts";
import { w, type Word } from "./words.ts";

const STEP_NOTES: Record<string, Word | null> = {
  opening: null,
  billed: null,
  collected: null,
  adjustments: "movement.adjustments.note",
  credit: "movement.credit.note",
  closing: null,
};

export function movementPage(d: ReportData, lang: Lang, dg: Digits): string {
  const m = d.movement;
  const small = (s: string) => `<small>${esc(s)}</small>`;
  const note = (key: string) => {
    if (key === "billed" || key === "collected") return small(kpiDefinition(lang, key) ?? "");
    const word = STEP_NOTES[key];
    return word ? small(w(lang, word)) : "";
  };
  const rows: Cell[][] = movementSteps(m)
    .filter((s) => s.key !== "closing")
    .map((s) => [
      s.total ? `${esc(w(lang, s.word))} <small>${esc(gregorian(m.opening_on, lang, dg))}</small>` : esc(w(lang, s.word)),
      num(esc(s.total ? sar(s.value, lang, dg) : signedSar(s.value, lang, dg))),
      note(s.key),
    ]);
  const movementTable = table([w(lang, "movement.step"), num(`${esc(t(lang, "amount"))} (${esc(code(lang, "SAR"))})`), ""], rows, {
    cls: "movement",
    total: [
      `${esc(w(lang, "movement.closing"))} <small>${esc(gregorian(m.closing_on, lang, dg))}</small>`,
      num(esc(sar(m.closing, lang, dg))),
      small(
        `${w(lang, "movement.arrears")}: ${sar(m.arrears, lang, dg)} ` +
          `(${gregorian(m.opening_on, lang, dg)}: ${sar(m.arrears_opening, lang, dg)})`,
      ),
    ],
  });
  return (
    `<section class="page" data-section="report.movement"><h2>${esc(w(lang, "movement.page"))}</h2>` +
    movementChart(m, lang, dg) +
    movementTable +
    para(w(lang, "movement.note"), "note") +
    arrearsTrendChart(d.overview, lang, dg) +
    `</section>`
  );
}

export function arrearsPage(o: Overview, lang: Lang, dg: Digits): string {
  const severities = SEVERITIES.filter((s) => o.ageing.some((a) => a.severity === s));
  const of = (s: string) => o.ageing.find((a) => a.severity === s)!;
  const lines = [...BUCKETS, "past_due", "disputed"] as const;
  const total = (k: (typeof lines)[number]) => o.ageing.reduce((sum, a) => sum.plus(a[k]), new Decimal(0)).toFixed(2);
  const ageingTable = table(
    ["", ...severities.map((s) => num(esc(code(lang, s)))), num(esc(w(lang, "total")))],
    [
      [
        esc(t(lang, "employers")),
        ...severities.map((s) => num(integer(of(s).employers, lang, dg))),
        num(
          integer(
            o.ageing.reduce((n, a) => n + a.employers, 0),
            lang,
            dg,
          ),
        ),
      ],
      ...lines.map((k): Cell[] => [
        k === "past_due" || k === "disputed" ? `<b>${esc(t(lang, k))}</b>` : esc(code(lang, k)),
        ...severities.map((s) => num(amount(of(s)[k], lang, dg))),
        num(`<b>${amount(total(k), lang, dg)}</b>`),
      ]),
    ],
    { cls: "ageing" },
  );
  return (
    `<section class="page" data-section="report.arrears"><h2>${esc(t(lang, "report.arrears"))}</h2>` +
    para(severitySentence(o, lang, dg)) +
    ageingChart(o.ageing, lang, dg) +
    para(
      `${t(lang, "position.at")} ${dateWithHijri(o.period_end, lang, dg)} — ${t(lang, "amount")}: ${t(lang, "unit")} ${code(lang, "SAR")}`,
      "note",
    ) +
    ageingTable +
    `</section>`
  );
}
