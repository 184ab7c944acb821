// risk.json: the risk tiers over time, the month-to-month migration matrix, each driver's points by tier,
// the score's validation when the warehouse holds it, and — audit build only — the employers whose score
// moved most at each date. Scores and points are exact decimal text (DECIMAL(4,1) in the warehouse).
// An employer's own scores live in its shard (EmployerParts.risk in employer.ts).

import type { RISK_DRIVERS, RISK_TIERS } from "../../../dashboards/components/risk-codes.ts";

export type RiskTier = (typeof RISK_TIERS)[number];
export type RiskDriver = (typeof RISK_DRIVERS)[number];

export type TierCount = { as_of: string; tier: string; employers: number };

/** Employers from a tier at the month-end before (`new`: no score then) to a tier at the date. */
export type MigrationCell = { as_of: string; previous_as_of: string | null; from_tier: string; to_tier: string; employers: number };

/** A driver's points summed over the employers of a tier at a date, and how many of them it gave points to. */
export type DriverPoints = { as_of: string; tier: string; driver: string; points: string; employers: number };

/** How well the score at a month-end ranks the employers in serious arrears three months later (marts.risk_validation). */
export type RiskValidation = {
  as_of: string;
  outcome_as_of: string;
  /** `all` employers scored, or those `not_yet_serious` at as_of. */
  population: string;
  employers: number;
  /** Of them, in serious arrears (severity medium or worse) at outcome_as_of. */
  serious: number;
  /** Rounded to 3 places; null when either group is empty. */
  auc: string | null;
  /** Shares of the serious ones that were in the critical tier, and in high or critical, at as_of (4 places). */
  top_tier_share: string | null;
  high_or_critical_share: string | null;
};

export type RiskMover = {
  as_of: string;
  mover_rank: number;
  employer_id: string;
  name_ar: string | null;
  name_en: string | null;
  risk_score: string;
  previous_score: string | null;
  score_delta: string;
  risk_tier: string;
  previous_tier: string | null;
  movement: string;
  drivers_moved: { driver: string; points: string; previous_points: string | null; delta: string }[];
};

export type RiskData = {
  /** Every date scored (month-ends and the as-of date), ascending; empty when the warehouse has no scores. */
  dates: string[];
  rules_version: string | null;
  tiers: TierCount[];
  migration: MigrationCell[];
  drivers: DriverPoints[];
  validation: RiskValidation[];
  /** The movers of each date, at most MOVERS_PER_DATE (audit build only). */
  movers?: RiskMover[];
};

/** One date of an employer's scores (its shard's `risk` part); the reasons only at the as-of date. */
export type EmployerRiskRow = {
  as_of: string;
  risk_score: string;
  risk_tier: string;
  /** Each driver's points, in RISK_DRIVERS order. */
  points: string[];
  reasons_en: string[] | null;
  reasons_ar: string[] | null;
  rules_version: string;
};
