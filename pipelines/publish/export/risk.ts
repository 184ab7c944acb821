// The Risk page's data from marts.employer_risk, employer_risk_movements and risk_migration: tiers
// over time, the migration matrix, the drivers' points by tier (aggregates, both builds) and — audit
// build only — the top movers of each date with the drivers that moved. An employer's own scores go
// into its shard (export/employers.ts, section `risk`). A warehouse without the risk marts gets an
// empty file, and the page says there is nothing scored. The page needs only numbers, so it reads them
// from core.risk_scores, the table under the marts.employer_risk view, and writes none of its text.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import type { DataFiles } from "../data-files.ts";
import { RISK_DRIVERS } from "../../../dashboards/components/risk-codes.ts";
import type { DriverPoints, MigrationCell, RiskData, RiskMover, RiskValidation, TierCount } from "../page-data/risk.ts";
import type { Audience } from "../types.ts";
import { hasRelation, relationsIn } from "./tables.ts";

/** Movers listed per date: the employers whose score changed most. */
export const MOVERS_PER_DATE = 20;

/** The marts the page needs (marts.employer_risk is a view, the others tables). */
export async function hasRiskMarts(c: DuckDBConnection): Promise<boolean> {
  const marts = await relationsIn(c, "marts");
  return ["employer_risk", "employer_risk_movements", "risk_migration"].every((m) => marts.has(m));
}

/** The drivers as rows: one (driver, points) per driver of every employer-date. */
const DRIVER_ROWS = `UNNEST([${RISK_DRIVERS.map((d) => `'${d}'`).join(", ")}]) AS driver,
  UNNEST([${RISK_DRIVERS.map((d) => `${d}_points`).join(", ")}]) AS points`;

export async function exportRisk(c: DuckDBConnection, files: DataFiles, audience: Audience): Promise<RiskData> {
  const empty: RiskData = { dates: [], rules_version: null, tiers: [], migration: [], drivers: [], validation: [] };
  if (!(await hasRiskMarts(c))) {
    files.page("risk.json", { ...empty, ...(audience === "audit" ? { movers: [] } : {}) });
    return empty;
  }
  const tiers = await queryRows<TierCount & Record<string, unknown>>(
    c,
    `SELECT strftime(as_of, '%Y-%m-%d') AS as_of, risk_tier AS tier, count(*)::INTEGER AS employers FROM core.risk_scores
     GROUP BY ALL ORDER BY as_of, tier`,
  );
  const migration = await queryRows<MigrationCell & Record<string, unknown>>(
    c,
    `SELECT strftime(as_of, '%Y-%m-%d') AS as_of, strftime(previous_as_of, '%Y-%m-%d') AS previous_as_of, from_tier, to_tier,
       employers::INTEGER AS employers
     FROM marts.risk_migration ORDER BY as_of, from_tier, to_tier`,
  );
  const drivers = await queryRows<DriverPoints & Record<string, unknown>>(
    c,
    `SELECT strftime(as_of, '%Y-%m-%d') AS as_of, risk_tier AS tier, driver, CAST(sum(points) AS VARCHAR) AS points,
       count(*) FILTER (WHERE points > 0)::INTEGER AS employers
     FROM (SELECT as_of, risk_tier, ${DRIVER_ROWS} FROM core.risk_scores) GROUP BY ALL ORDER BY as_of, tier, driver`,
  );
  const validation = (await hasRelation(c, "marts", "risk_validation"))
    ? await queryRows<RiskValidation & Record<string, unknown>>(
        c,
        `SELECT strftime(as_of, '%Y-%m-%d') AS as_of, strftime(outcome_as_of, '%Y-%m-%d') AS outcome_as_of, population,
           employers::INTEGER AS employers, serious::INTEGER AS serious, CAST(round(auc, 3) AS VARCHAR) AS auc,
           CAST(round(top_tier_share, 4) AS VARCHAR) AS top_tier_share,
           CAST(round(high_or_critical_share, 4) AS VARCHAR) AS high_or_critical_share
         FROM marts.risk_validation ORDER BY as_of, population`,
      )
    : [];
  const [version] = await queryRows<{ v: string | null }>(c, "SELECT arg_max(rules_version, as_of) AS v FROM core.risk_scores");
  const data: RiskData = {
    dates: [...new Set(tiers.map((t) => t.as_of))].sort(),
    rules_version: version?.v ?? null,
    tiers,
    migration,
    drivers,
    validation,
  };
  if (audience === "audit") data.movers = await movers(c);
  files.page("risk.json", data);
  return data;
}

/** drivers_moved's JSON read back as decimals, so the points reach the page as exact text. */
const MOVED_SHAPE = '[{"driver": "VARCHAR", "points": "DECIMAL(4,1)", "previous_points": "DECIMAL(4,1)", "delta": "DECIMAL(5,1)"}]';

async function movers(c: DuckDBConnection): Promise<RiskMover[]> {
  const rows = await queryRows<Omit<RiskMover, "drivers_moved"> & { drivers_moved: string } & Record<string, unknown>>(
    c,
    `SELECT strftime(m.as_of, '%Y-%m-%d') AS as_of, m.mover_rank::INTEGER AS mover_rank, m.employer_id, e.name_ar, e.name_en,
       CAST(m.risk_score AS VARCHAR) AS risk_score, CAST(m.previous_score AS VARCHAR) AS previous_score,
       CAST(m.score_delta AS VARCHAR) AS score_delta, m.risk_tier, m.previous_tier, m.movement,
       to_json(list_transform(from_json(m.drivers_moved, '${MOVED_SHAPE}'), d -> {driver: d.driver,
         points: CAST(d.points AS VARCHAR), previous_points: CAST(d.previous_points AS VARCHAR), delta: CAST(d.delta AS VARCHAR)}))
         ::VARCHAR AS drivers_moved
     FROM marts.employer_risk_movements AS m
     LEFT JOIN (SELECT employer_id, any_value(name_ar) AS name_ar, any_value(name_en) AS name_en FROM staging.stg_employers
       GROUP BY employer_id) AS e USING (employer_id)
     WHERE m.mover_rank <= ${MOVERS_PER_DATE} AND m.score_delta <> 0
     ORDER BY m.as_of, m.mover_rank`,
  );
  return rows.map((r) => ({ ...r, drivers_moved: JSON.parse(r.drivers_moved) as RiskMover["drivers_moved"] }));
}
