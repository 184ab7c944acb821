// The report's risk section: employers by risk tier at the month's end against the month-end before,
// the migrations between tiers, and commentary computed from them — the distribution against last
// month, the employers that entered critical (and from where), the drivers behind the high and
// critical tiers' points, and how well the score has ranked serious arrears three months ahead.
// Aggregates only, in both editions.
import { Decimal } from "decimal.js";
import { gregorian, integer, percent, type Digits } from "../../../dashboards/components/format.ts";
import { t, type Lang } from "../../../dashboards/components/i18n.ts";
import { NOUNS, plural } from "../../../dashboards/components/plural.ts";
import { RISK_DRIVERS, RISK_TIERS } from "../../../dashboards/components/risk-codes.ts";
import type { RiskData } from "../page-data/risk.ts";
import { esc, signedCount } from "./svg.ts";
import { num, para, table } from "./table.ts";

const TOP_FIRST = [...RISK_TIERS].reverse();
const tier = (lang: Lang, x: string) => t(lang, `risk_tier.${x}`);
const list = (lang: Lang, parts: string[]) => parts.join(lang === "ar" ? "، " : ", ");
/** A label inside an English sentence reads in lower case ("from high", "from arrears severity"). */
const inText = (lang: Lang, label: string) => (lang === "en" ? label.toLowerCase() : label);

/** The date the report speaks of: the month's end, or the latest date scored before it. */
export function riskDate(d: RiskData, periodEnd: string): string | undefined {
  return [...d.dates].reverse().find((x) => x <= periodEnd);
}

const count = (d: RiskData, asOf: string | null | undefined, x: string) =>
  d.tiers.find((r) => r.as_of === asOf && r.tier === x)?.employers ?? 0;

function distributionSentence(d: RiskData, at: string, before: string | null, lang: Lang, dg: Digits): string {
  const parts = TOP_FIRST.map((x) => {
    const was = before ? ` (${integer(count(d, before, x), lang, dg)})` : "";
    return `${tier(lang, x)} ${integer(count(d, at, x), lang, dg)}${was}`;
  });
  const when = gregorian(at, lang, dg);
  if (lang === "ar")
    return `المنشآت حسب فئة المخاطر في ${when}${before ? ` (وبين القوسين في ${gregorian(before, lang, dg)})` : ""}: ${list(lang, parts)}.`;
  return `Employers by risk tier at ${when}${before ? ` (in brackets, at ${gregorian(before, lang, dg)})` : ""}: ${list(lang, parts)}.`;
}

function intoCriticalSentence(d: RiskData, at: string, before: string | null, lang: Lang, dg: Digits): string {
  const into = d.migration.filter((m) => m.as_of === at && m.to_tier === "critical" && m.from_tier !== "critical");
  const left = d.migration.filter((m) => m.as_of === at && m.from_tier === "critical" && m.to_tier !== "critical");
  const n = into.reduce((a, m) => a + m.employers, 0);
  const out = left.reduce((a, m) => a + m.employers, 0);
  const since = before ? gregorian(before, lang, dg) : "";
  const from = list(
    lang,
    into.map((m) =>
      m.from_tier === "new"
        ? `${integer(m.employers, lang, dg)} ${lang === "ar" ? "جديدة" : "new"}`
        : `${integer(m.employers, lang, dg)} ${lang === "ar" ? "من" : "from"} ${inText(lang, tier(lang, m.from_tier))}`,
    ),
  );
  const noun = (k: number) => plural(k, NOUNS.employer, lang, dg);
  const leftAr = out ? `، وخرج منها ${noun(out)}` : "، ولم يخرج منها أحد";
  const leftEn = out ? `; ${noun(out)} left it` : "; none left it";
  if (lang === "ar")
    return n ? `دخل الفئة الحرجة منذ ${since}: ${noun(n)} (${from})${leftAr}.` : `لم يدخل أحد الفئة الحرجة منذ ${since}${leftAr}.`;
  return n
    ? `${noun(n)} entered the critical tier since ${since} (${from})${leftEn}.`
    : `No employer entered the critical tier since ${since}${leftEn}.`;
}

/** The drivers with the most points among the employers of the high and critical tiers, with their shares. */
export function mainDrivers(d: RiskData, at: string): { driver: string; points: Decimal; share: Decimal }[] {
  const points = RISK_DRIVERS.map((driver) => ({
    driver,
    points: d.drivers
      .filter((x) => x.as_of === at && x.driver === driver && (x.tier === "high" || x.tier === "critical"))
      .reduce((a, x) => a.plus(x.points), new Decimal(0)),
  }));
  const total = points.reduce((a, p) => a.plus(p.points), new Decimal(0));
  if (total.isZero()) return [];
  return points
    .filter((p) => p.points.gt(0))
    .sort((a, b) => b.points.comparedTo(a.points))
    .slice(0, 3)
    .map((p) => ({ ...p, share: p.points.div(total) }));
}

function driversSentence(d: RiskData, at: string, lang: Lang, dg: Digits): string {
  const top = mainDrivers(d, at);
  if (!top.length) return lang === "ar" ? "لا منشأة في الفئتين العالية والحرجة." : "No employer is in the high or critical tier.";
  const parts = top.map((p) => `${inText(lang, t(lang, `risk_driver.${p.driver}`))} (${percent(p.share.toFixed(4), lang, dg)})`);
  return lang === "ar"
    ? `جاءت نقاط منشآت الفئتين العالية والحرجة أساسًا من: ${list(lang, parts)}.`
    : `The high and critical tiers' points came mostly from ${list(lang, parts)}.`;
}

function validationSentence(d: RiskData, lang: Lang, dg: Digits): string | null {
  const v = [...d.validation].reverse().find((r) => r.population === "all" && r.auc !== null);
  if (!v) return null;
  const auc = new Decimal(v.auc!).toFixed(2);
  const share = percent(v.top_tier_share, lang, dg);
  const when = gregorian(v.as_of, lang, dg);
  return lang === "ar"
    ? `رتّبت الدرجة في ${when} المنشآت التي صارت متأخراتها جسيمة بعد ثلاثة أشهر بمساحة تحت المنحنى ${auc}، ` +
        `وكان ${share} منها في الفئة الحرجة.`
    : `The score at ${when} ranked the employers in serious arrears three months later with an AUC of ${auc}; ` +
        `${share} of them were in the critical tier.`;
}

export function riskPage(d: RiskData | undefined, periodEnd: string, lang: Lang, dg: Digits): string {
  const at = d ? riskDate(d, periodEnd) : undefined;
  if (!d || !at) return "";
  const before = d.migration.find((m) => m.as_of === at)?.previous_as_of ?? null;
  const tiers = table(
    [
      t(lang, "risk.tier"),
      num(esc(gregorian(at, lang, dg))),
      num(esc(before ? gregorian(before, lang, dg) : "—")),
      num(esc(t(lang, "risk.delta"))),
    ],
    TOP_FIRST.map((x) => [
      esc(tier(lang, x)),
      num(integer(count(d, at, x), lang, dg)),
      num(before ? integer(count(d, before, x), lang, dg) : "—"),
      num(before ? esc(signedCount(String(count(d, at, x) - count(d, before, x)), lang, dg)) : "—"),
    ]),
  );
  const cells = d.migration.filter((m) => m.as_of === at);
  const froms = ["new", ...RISK_TIERS].filter((f) => cells.some((c) => c.from_tier === f));
  const matrix = table(
    [`${esc(t(lang, "risk.from"))} \\ ${esc(t(lang, "risk.to"))}`, ...RISK_TIERS.map((x) => num(esc(tier(lang, x))))],
    froms.map((f) => [
      esc(tier(lang, f)),
      ...RISK_TIERS.map((x) => num(integer(cells.find((c) => c.from_tier === f && c.to_tier === x)?.employers ?? 0, lang, dg))),
    ]),
    { cls: "migration" },
  );
  const validation = validationSentence(d, lang, dg);
  return (
    `<section class="page" data-section="report.risk"><h2>${esc(t(lang, "report.risk"))}</h2>` +
    para(distributionSentence(d, at, before, lang, dg)) +
    (before ? para(intoCriticalSentence(d, at, before, lang, dg)) : "") +
    para(driversSentence(d, at, lang, dg)) +
    (validation ? para(validation) : "") +
    `<div class="two"><div><h3>${esc(t(lang, "risk.summary"))}</h3>${tiers}</div>` +
    `<div><h3>${esc(t(lang, "risk.migration"))}</h3>${matrix}</div></div>` +
    para(t(lang, "risk.report.note"), "note") +
    `</section>`
  );
}
