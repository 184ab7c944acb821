// The employer profile's findings part: the employer's findings in the register (active and no longer
// seen), each with what the Findings page needs to open it. Without a folded register the part is empty.
import type { DuckDBConnection } from "@duckdb/node-api";
import { hasTable } from "./tables.ts";

/** SQL giving employer_id and v, the list of the employer's findings (a section of the employer shard). */
export async function employerFindingsSection(c: DuckDBConnection): Promise<string> {
  if (!(await hasTable(c, "audit", "findings"))) return "SELECT NULL::VARCHAR AS employer_id, []::VARCHAR[] AS v WHERE false";
  return `SELECT f.employer_id, list({key: md5(f.anomaly_id)[1:16], anomaly_id: f.anomaly_id, rule: f.rule, severity: f.severity,
      period: f.period, status: f.status, seen_state: f.seen_state}) AS v
    FROM audit.findings AS f WHERE f.employer_id IS NOT NULL GROUP BY f.employer_id`;
}
