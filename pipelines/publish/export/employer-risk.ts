// The `risk` part of an employer's shard: its score, tier and every driver's points at each date of
// marts.employer_risk, and the three reasons at the as-of date only (the shard is per employer and
// there can be 100,000: the reasons of past dates would add megabytes nobody reads).
import { RISK_DRIVERS } from "../../../dashboards/components/risk-codes.ts";

export const RISK_MART = "employer_risk";

export const RISK_SECTION = `SELECT r.employer_id, list({as_of: CAST(r.as_of AS VARCHAR), risk_score: CAST(r.risk_score AS VARCHAR),
    risk_tier: r.risk_tier, points: [${RISK_DRIVERS.map((d) => `CAST(r.${d}_points AS VARCHAR)`).join(", ")}],
    reasons_en: CASE WHEN r.as_of = $asOf::DATE THEN list_filter([r.reason_1_en, r.reason_2_en, r.reason_3_en], x -> x IS NOT NULL) END,
    reasons_ar: CASE WHEN r.as_of = $asOf::DATE THEN list_filter([r.reason_1_ar, r.reason_2_ar, r.reason_3_ar], x -> x IS NOT NULL) END,
    rules_version: r.rules_version}) AS v
  FROM marts.${RISK_MART} AS r GROUP BY r.employer_id`;
