// The report's compliance section (rules.md §5): the compliance rate of the latest month whose
// payments are judged against the month before, the group whose employers moved it most, the
// declared-on-time and paid-by-due rates behind it, the least compliant region and sector, and the
// rates by region. Every figure is computed from the overview's compliance tile (counts by group).
import { Decimal } from "decimal.js";
import { decimal1, integer, kpiValue, month, movement, percent, type Digits } from "../../../dashboards/components/format.ts";
import { NOUNS, plural } from "../../../dashboards/components/plural.ts";
import { code, kpiLabel, t, type Lang } from "../../../dashboards/components/i18n.ts";
import type { Overview } from "../export/overview.ts";
import type { ComplianceCut } from "../page-data/overview.ts";
import { previousPeriod } from "../stamp.ts";
import { sentence } from "./commentary.ts";
import { esc } from "./svg.ts";
import { num, para, table } from "./table.ts";

const POINTS = { ar: "نقطة مئوية", en: "percentage points" } as const;
const rate = (compliant: number, judged: number) => (judged ? new Decimal(compliant).div(judged) : null);

/** Each group's part of the change in the overall rate: its compliant share of all judged now less before (they add up to the change). */
export function contributions(cuts: ComplianceCut[]): (ComplianceCut & { points: Decimal })[] {
  const total = (dim: string, k: "judged" | "judged_before") => cuts.filter((c) => c.dimension === dim).reduce((a, c) => a + c[k], 0);
  return cuts.flatMap((c) => {
    const [now, before] = [total(c.dimension, "judged"), total(c.dimension, "judged_before")];
    if (!now || !before) return [];
    const share = new Decimal(c.compliant).div(now).minus(new Decimal(c.compliant_before).div(before));
    return [{ ...c, points: share.times(100) }];
  });
}

/** The group that moved the overall rate most in the direction it moved (null when it did not move). */
export function driver(cuts: ComplianceCut[], delta: Decimal): (ComplianceCut & { points: Decimal }) | null {
  if (delta.isZero()) return null;
  const same = contributions(cuts).filter((c) => c.points.isPositive() === delta.isPositive() && !c.points.isZero());
  return same.sort((a, b) => b.points.abs().comparedTo(a.points.abs()) || a.dimension_value.localeCompare(b.dimension_value))[0] ?? null;
}

/** The group of a dimension with the lowest rate this month (more employers first on a tie). */
export function worst(cuts: ComplianceCut[], dimension: string): ComplianceCut | null {
  const judged = cuts.filter((c) => c.dimension === dimension && c.judged > 0);
  const r = (c: ComplianceCut) => rate(c.compliant, c.judged)!;
  return (
    judged.sort((a, b) => r(a).comparedTo(r(b)) || b.judged - a.judged || a.dimension_value.localeCompare(b.dimension_value))[0] ?? null
  );
}

function sentences(o: Overview, lang: Lang, dg: Digits): string[] {
  const tile = o.compliance!;
  const [k, ...behind] = tile.kpis;
  const period = month(tile.period!, lang, dg);
  const before = month(previousPeriod(tile.period!), lang, dg);
  const judged = tile.cuts.filter((c) => c.dimension === "region").reduce((a, c) => a + c.judged, 0);
  const value = kpiValue(k!.value, "ratio", lang, dg);
  const m = movement(k!.vs_previous, "ratio", lang, dg, POINTS[lang]);
  const prev = kpiValue(k!.previous, "ratio", lang, dg);
  const out: string[] = [];
  if (lang === "ar") {
    const moved = !m
      ? ""
      : m.way === "flat"
        ? `، دون تغير عن ${before}`
        : `، ${m.way === "up" ? "بارتفاع" : "بانخفاض"} ${m.size} عن ${before} (${prev})`;
    out.push(sentence(`في ${period} التزمت ${value} من المنشآت الملزمة التي حلّ استحقاقها (${integer(judged, lang, dg)})${moved}`));
  } else {
    const moved = !m ? "" : m.way === "flat" ? `, unchanged on ${before}` : `, ${m.way} ${m.size} on ${before} (${prev})`;
    out.push(sentence(`In ${period}, ${value} of the ${integer(judged, lang, dg)} employers with an obligation due complied${moved}`));
  }
  const top = m && m.way !== "flat" ? driver(tile.cuts, new Decimal(k!.vs_previous!.delta)) : null;
  if (top && m) {
    const group = code(lang, top.dimension_value, top.dimension);
    const part = `${decimal1(top.points.abs().toString(), lang, dg)} ${POINTS[lang]}`;
    out.push(
      sentence(
        lang === "ar"
          ? `وأكبر مساهم في التغير ${t("ar", top.dimension)} «${group}»: ${m.way === "up" ? "زيادة" : "انخفاض"} ${part}، ` +
              `من تغير إجمالي قدره ${m.size}`
          : `The largest contribution came from ${group} (${t("en", top.dimension).toLowerCase()}): ${m.way} ${part}, ` +
              `of a total change of ${m.size}`,
      ),
    );
  }
  const parts = behind.map((b) => {
    const bm = movement(b.vs_previous, "ratio", lang, dg, POINTS[lang]);
    return `${kpiLabel(lang, b.kpi)} ${kpiValue(b.value, "ratio", lang, dg)}${bm ? ` (${bm.signed})` : ""}`;
  });
  if (parts.length) out.push(sentence(parts.join(lang === "ar" ? "؛ و" : "; ")));
  const lows = (["region", "sector"] as const).flatMap((dim) => {
    const w = worst(tile.cuts, dim);
    if (!w) return [];
    const share = percent(rate(w.compliant, w.judged)!.toString(), lang, dg);
    return [
      lang === "ar"
        ? `${t("ar", dim)} «${code(lang, w.dimension_value, dim)}» (${share} من ${plural(w.judged, NOUNS.employer, lang, dg)})`
        : `${t("en", dim).toLowerCase()} ${code(lang, w.dimension_value, dim)} (${share} of ${plural(w.judged, NOUNS.employer, lang, dg)})`,
    ];
  });
  if (lows.length) out.push(sentence(lang === "ar" ? `والأقل التزامًا: ${lows.join("، و")}` : `Least compliant: ${lows.join("; ")}`));
  return out;
}

/** The section; empty when no month's payments are judged yet. */
export function compliancePage(o: Overview, lang: Lang, dg: Digits): string {
  const tile = o.compliance;
  if (!tile?.period || !tile.kpis.length) return "";
  const regions = tile.cuts.filter((c) => c.dimension === "region" && (c.judged || c.judged_before));
  const pct = (c: number, j: number) => (j ? percent(rate(c, j)!.toString(), lang, dg) : "—");
  const byRegion = table(
    [
      t(lang, "region"),
      num(esc(t(lang, "employers"))),
      num(esc(month(tile.period, lang, dg))),
      num(esc(month(previousPeriod(tile.period), lang, dg))),
      num(esc(t(lang, "report.change"))),
    ],
    regions.map((c) => {
      const [now, before] = [rate(c.compliant, c.judged), rate(c.compliant_before, c.judged_before)];
      const change =
        now && before ? movement({ delta: now.minus(before).toString(), relative: null }, "ratio", lang, dg, t(lang, "points")) : null;
      return [
        esc(code(lang, c.dimension_value, "region")),
        num(integer(c.judged, lang, dg)),
        num(esc(pct(c.compliant, c.judged))),
        num(esc(pct(c.compliant_before, c.judged_before))),
        num(esc(change?.signed ?? "—")),
      ];
    }),
    { cls: "compliance" },
  );
  return (
    `<section class="page" data-section="report.compliance"><h2>${esc(t(lang, "report.compliance"))}</h2>` +
    sentences(o, lang, dg)
      .map((s) => para(s))
      .join("") +
    para(t(lang, "compliance.explain"), "note") +
    `<h3>${esc(`${kpiLabel(lang, "compliance_rate")} — ${t(lang, "region")}`)}</h3>${byRegion}</section>`
  );
}
