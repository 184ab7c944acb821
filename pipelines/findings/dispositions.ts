// Dispositions in the warehouse: audit.finding_dispositions is the history (who, when, what, why, and
// the status before), audit.findings.status the latest decision by its time. Applying the same
// disposition twice (same finding, status, person and moment) records it once, so an import, the
// journal's replay and a re-import of an export can each run again safely.
import { type DuckDBConnection, LIST, listValue, VARCHAR } from "@duckdb/node-api";
import { queryRows } from "../lib/duckdb.ts";
import { UserError } from "../lib/errors.ts";
import { type Disposition, dispositionKey } from "./dispositions-csv.ts";

/** Where a disposition came in: the dispose command, an imported file, or the journal beside the warehouse. */
export type DispositionSource = "dispose" | "import" | "journal";

/** Every disposition recorded, oldest first, in the file's shape. */
export async function recordedDispositions(
  connection: DuckDBConnection,
  anomalyId?: string,
): Promise<(Disposition & Record<string, unknown>)[]> {
  return queryRows<Disposition & Record<string, unknown>>(
    connection,
    `SELECT anomaly_id, status, disposed_by AS "by", strftime(disposed_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS "at",
       note, previous_status, source, recorded_at
     FROM audit.finding_dispositions ${anomalyId === undefined ? "" : "WHERE anomaly_id = $id"}
     ORDER BY disposed_at, recorded_at, anomaly_id`,
    anomalyId === undefined ? undefined : { id: anomalyId },
  );
}

/** The ids among `ids` that the register does not hold. */
export async function unknownFindings(connection: DuckDBConnection, ids: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Set();
  const reader = await connection.runAndReadAll(
    "SELECT anomaly_id FROM audit.findings WHERE list_contains($ids, anomaly_id)",
    { ids: listValue(wanted) },
    { ids: LIST(VARCHAR) },
  );
  const have = new Set((reader.getRowObjectsJS() as { anomaly_id: string }[]).map((r) => r.anomaly_id));
  return new Set(wanted.filter((id) => !have.has(id)));
}

/** A UserError for an id the register does not hold, saying how to find the right one. */
export function unknownFinding(id: string, db: string): UserError {
  return new UserError(
    `no finding ${id} in ${db}; \`tahseel findings list --db ${db}\` lists the ids (a finding enters the register when a build finds it)`,
  );
}

/**
 * Records the dispositions not recorded yet, in time order, each with the status it replaced, and sets
 * each finding's status to its latest decision. Runs inside the caller's transaction; returns those applied.
 */
export async function applyDispositions(
  connection: DuckDBConnection,
  list: readonly Disposition[],
  source: DispositionSource,
  recordedAt: Date,
): Promise<Disposition[]> {
  const seen = new Set((await recordedDispositions(connection)).map(dispositionKey));
  const fresh = [...list]
    .sort((a, b) => a.at.localeCompare(b.at))
    .filter((d) => !seen.has(dispositionKey(d)) && seen.add(dispositionKey(d)));
  for (const d of fresh) {
    await connection.run(
      `INSERT INTO audit.finding_dispositions
       SELECT $id, $status, coalesce((SELECT status FROM audit.finding_dispositions
                                      WHERE anomaly_id = $id AND disposed_at <= $at::TIMESTAMPTZ
                                      ORDER BY disposed_at DESC, recorded_at DESC LIMIT 1), 'open'),
              $by, $at::TIMESTAMPTZ, $note::VARCHAR, $source, $recorded::TIMESTAMPTZ`,
      { id: d.anomaly_id, status: d.status, by: d.by, at: d.at, note: d.note, source, recorded: recordedAt.toISOString() },
    );
  }
  for (const id of new Set(fresh.map((d) => d.anomaly_id)))
    await connection.run(
      `UPDATE audit.findings SET status = (SELECT status FROM audit.finding_dispositions WHERE anomaly_id = $id
                                           ORDER BY disposed_at DESC, recorded_at DESC LIMIT 1)
       WHERE anomaly_id = $id`,
      { id },
    );
  return fresh;
}
