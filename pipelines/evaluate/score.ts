// Scores the detectors against the generator's answer key (issue 17, item 4): per planted pattern,
// how many cases were planted, how many findings its rules raised, how many of those match a case
// (precision) and how many cases some finding matches (recall), at the thresholds of this run. Kept
// per run in audit.detector_scores, so a change of threshold shows its trade-off.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../lib/duckdb.ts";
import { PATTERN_NAMES } from "../generate/anomalies.ts";
import { ANSWER_KEY_SCHEMA } from "../engine/wildcards.ts";
import { findAnswerKey, loadAnswerKey } from "./answer-key.ts";
import { MATCH_SQL, PATTERN_SCORING } from "./patterns.ts";

export interface DetectorScore {
  pattern: string;
  rules: string;
  match_by: string;
  planted: number;
  found: number;
  true_positives: number;
  detected: number;
  precision: number | null;
  recall: number | null;
}

const DDL = `CREATE TABLE IF NOT EXISTS audit.detector_scores (
  run_id VARCHAR NOT NULL, scored_at TIMESTAMPTZ NOT NULL, answer_key VARCHAR NOT NULL, pattern VARCHAR NOT NULL,
  rules VARCHAR NOT NULL, match_by VARCHAR NOT NULL, planted INTEGER NOT NULL, found INTEGER NOT NULL,
  true_positives INTEGER NOT NULL, detected INTEGER NOT NULL, "precision" DOUBLE, recall DOUBLE, thresholds JSON)`;

/** Findings of the detectors, and the coverage gaps mart scored as one more rule. */
const FINDINGS = `
  SELECT rule, entity_id, employer_id, contributor_id, period FROM marts.anomalies
  UNION ALL
  SELECT 'marts.coverage_gaps', engagement_id, employer_id, contributor_id, period FROM marts.coverage_gaps`;

async function tableExists(connection: DuckDBConnection, schema: string, table: string): Promise<boolean> {
  const rows = await queryRows<{ n: bigint }>(
    connection,
    "SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = $schema AND table_name = $table",
    { schema, table },
  );
  return Number(rows[0]!.n) > 0;
}

/** Scores every pattern against the planted cases already in answer_key.planted. */
export async function scorePatterns(connection: DuckDBConnection): Promise<DetectorScore[]> {
  const scores: DetectorScore[] = [];
  for (const pattern of PATTERN_NAMES) {
    const { rules, match } = PATTERN_SCORING[pattern];
    const sql = `
      WITH f AS (SELECT * FROM (${FINDINGS}) WHERE list_contains($rules::VARCHAR[], rule)),
           k AS (SELECT * FROM ${ANSWER_KEY_SCHEMA}.planted WHERE pattern = $pattern)
      SELECT (SELECT count(*) FROM k) AS planted, (SELECT count(*) FROM f) AS found,
             (SELECT count(*) FROM f WHERE EXISTS (SELECT 1 FROM k WHERE ${MATCH_SQL[match]})) AS true_positives,
             (SELECT count(*) FROM k WHERE EXISTS (SELECT 1 FROM f WHERE ${MATCH_SQL[match]})) AS detected`;
    const [row] = await queryRows<Record<string, bigint>>(connection, sql, { pattern, rules: `[${rules.map((r) => `"${r}"`).join(",")}]` });
    const [planted, found, tp, detected] = [row!.planted, row!.found, row!.true_positives, row!.detected].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    scores.push({
      pattern,
      rules: rules.join(","),
      match_by: match,
      planted,
      found,
      true_positives: tp,
      detected,
      precision: found ? tp / found : null,
      recall: planted ? detected / planted : null,
    });
  }
  return scores;
}

/**
 * When the loaded inbox has an answer key and the findings are built: loads the key, scores, and
 * appends the scores under the run's id. Returns null (and writes nothing) when there is nothing to score.
 */
export async function scoreDetectors(
  connection: DuckDBConnection,
  run: { runId: string; now: () => Date; thresholds: string | undefined },
): Promise<{ answerKey: string; scores: DetectorScore[] } | null> {
  if (!(await tableExists(connection, "marts", "anomalies")) || !(await tableExists(connection, "marts", "coverage_gaps"))) return null;
  const answerKey = await findAnswerKey(connection);
  if (!answerKey) return null;
  await loadAnswerKey(connection, answerKey);
  const scores = await scorePatterns(connection);
  await connection.run(DDL);
  for (const s of scores)
    await connection.run(
      `INSERT INTO audit.detector_scores VALUES ($run, $at::TIMESTAMPTZ, $key, $pattern, $rules, $match, $planted, $found, $tp, $detected,
        $precision::DOUBLE, $recall::DOUBLE, $thresholds::JSON)`,
      {
        run: run.runId,
        at: run.now().toISOString(),
        key: answerKey,
        pattern: s.pattern,
        rules: s.rules,
        match: s.match_by,
        planted: s.planted,
        found: s.found,
        tp: s.true_positives,
        detected: s.detected,
        precision: s.precision === null ? null : String(s.precision),
        recall: s.recall === null ? null : String(s.recall),
        thresholds: run.thresholds ?? null,
      },
    );
  return { answerKey, scores };
}

/** The detectors' settings of this run, from the rules the build was given, for the scores' record. */
export function detectorThresholds(runParams: Readonly<Record<string, string>>): string | undefined {
  const rules = runParams.rules_json;
  if (!rules) return undefined;
  const detectors = (JSON.parse(rules) as { detectors?: unknown }).detectors;
  return detectors === undefined ? undefined : JSON.stringify(detectors);
}

/** One line per pattern for the log: recall and precision at this run's thresholds. */
export function describeScores(scores: readonly DetectorScore[]): string {
  const pct = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)}%`);
  return scores.map((s) => `${s.pattern} ${s.detected}/${s.planted} found, precision ${pct(s.precision)}`).join("; ");
}
