// The cover's ranked sentences: each KPI that moved, largest movement first, its verb and its figure
// from the same signed change (the figure is written unsigned: the verb says which way), then the group
// that contributed most. Written for this report; the site's sentences are in commentary.ts.
import { Decimal } from "decimal.js";
import { kpiValue, percent, sar, integer, shiftDecimal, decimal1, type Digits } from "../../../dashboards/components/format.ts";
import { code, kpiLabel, t } from "../../../dashboards/components/i18n.ts";
import type { Lang } from "../types.ts";
import { sentence } from "./commentary.ts";
import type { Contribution, RankedMovement } from "./ranking.ts";

type Way = "up" | "down";
const wayOf = (delta: string): Way => (new Decimal(delta).isNegative() ? "down" : "up");

/** The size of a change without its sign, in the KPI's terms: per cent, or points for a ratio. */
export function changeSize(m: RankedMovement, lang: Lang, digits: Digits): string {
  const c = m.kpi.vs_previous!;
  if (m.kpi.unit === "ratio") {
    const points = decimal1(shiftDecimal(new Decimal(c.delta).abs().toString(), 2), lang, digits);
    return lang === "ar" ? `${points} نقطة مئوية` : `${points} percentage points`;
  }
  return c.relative === null ? "" : percent(new Decimal(c.relative).abs().toString(), lang, digits);
}

/** An amount or count without its sign. */
const unsigned = (delta: string, unit: string, lang: Lang, digits: Digits) =>
  unit === "count" ? integer(new Decimal(delta).abs().toString(), lang, digits) : sar(new Decimal(delta).abs().toFixed(2), lang, digits);

function driverSentence(d: Contribution, unit: string, lang: Lang, digits: Digits): string {
  const group = code(lang, d.dimension_value, d.dimension);
  const by = unsigned(d.delta, unit, lang, digits);
  const share = percent(d.share, lang, digits);
  const way = wayOf(d.delta);
  return sentence(
    lang === "ar"
      ? `وأكبر مساهم فيه ${t("ar", d.dimension)} «${group}»: ${way === "up" ? "زيادة" : "انخفاض"} بمقدار ${by}، أي ${share} من التغير`
      : `The largest part came from ${group} (${t("en", d.dimension).toLowerCase()}): ${way} ${by}, ${share} of the change`,
  );
}

/** One movement as one or two sentences. */
export function movementSentences(m: RankedMovement, lang: Lang, digits: Digits): string[] {
  const k = m.kpi;
  const c = k.vs_previous!;
  const label = kpiLabel(lang, k.kpi);
  const value = kpiValue(k.value, k.unit, lang, digits);
  const before = kpiValue(k.previous, k.unit, lang, digits);
  const way = wayOf(c.delta);
  const size = changeSize(m, lang, digits);
  let main: string;
  if (lang === "ar") {
    const verb = way === "up" ? "ارتفع" : "انخفض";
    main = size
      ? `${verb} مؤشر «${label}» ${k.unit === "ratio" ? "بمقدار" : "بنسبة"} ${size} عن الشهر السابق ليبلغ ${value}`
      : `${verb} مؤشر «${label}» من ${before} في الشهر السابق إلى ${value}`;
  } else {
    const verb = way === "up" ? "rose" : "fell";
    main = size ? `${label} ${verb} ${size} on last month, to ${value}` : `${label} ${verb} from ${before} last month to ${value}`;
  }
  return [sentence(main), ...(m.driver ? [driverSentence(m.driver, k.unit, lang, digits)] : [])];
}
