// The `risk` part of an employer's shard: its score, tier and every driver's points at each date of
// marts.employer_risk, and the three reasons at the as-of date only (the shard is per employer and
// there can be 100,000: the reasons of past dates would add megabytes nobody reads). The numbers come
// from core.risk_scores; the reasons from the marts.employer_risk view at the as-of date alone, so only
// those are written.
import { RISK_DRIVERS } from "../../../dashboards/components/risk-codes.ts";

export const RISK_MART = "employer_risk";

export const RISK_SECTION = `SELECT r.employer_id, list({as_of: CAST(r.as_of AS VARCHAR), risk_score: CAST(r.risk_score AS VARCHAR),
    risk_tier: r.risk_tier, points: [${RISK_DRIVERS.map((d) => `CAST(r.${d}_points AS VARCHAR)`).join(", ")}],
    reasons_en: w.reasons_en, reasons_ar: w.reasons_ar, rules_version: r.rules_version} ORDER BY r.as_of) AS v
  FROM core.risk_scores AS r
  LEFT JOIN (
    SELECT employer_id, as_of, list_filter([reason_1_en, reason_2_en, reason_3_en], x -> x IS NOT NULL) AS reasons_en,
      list_filter([reason_1_ar, reason_2_ar, reason_3_ar], x -> x IS NOT NULL) AS reasons_ar
    FROM marts.${RISK_MART} WHERE as_of = $asOf::DATE
  ) AS w USING (employer_id, as_of)
  GROUP BY r.employer_id`;
