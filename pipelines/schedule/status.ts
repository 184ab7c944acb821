// `tahseel status`: the last runs, loads, rejections, test failures and how fresh each source is,
// read from the audit schema with typed (kysely) queries.
import { Kysely, sql, type Dialect } from "kysely";
import { DuckDbDialect } from "kysely-duckdb";
import type { DuckDBInstance } from "@duckdb/node-api";
import { ENTITIES } from "../contracts/index.ts";
import { formatOpenAlerts, readOpenAlerts } from "../alerts/status.ts";
import type { OpenAlerts } from "../alerts/query.ts";
import type { RunRecord } from "./runs-journal.ts";

interface RunsTable {
  run_id: string;
  job: string;
  started_at: Date;
  finished_at: Date | null;
  status: string;
  error: string | null;
  git_sha: string | null;
  as_of: Date | null;
}
interface LoadsTable {
  load_id: number;
  delivery_id: string;
  file_name: string;
  entity: string | null;
  sha256: string | null;
  rows: number | null;
  loaded: number;
  skipped: number;
  quarantined: number;
  status: string;
  reason: string | null;
  loaded_at: Date;
}
interface QuarantineTable {
  load_id: number;
  delivery_id: string;
  file_name: string;
  entity: string;
  line: number;
  raw: string | null;
}
interface DeliveriesTable {
  delivery_id: string;
  created_at: Date | null;
  status: string;
  applied_at: Date;
}
interface TestResultsTable {
  run_id: string;
  model: string;
  test: string;
  severity: string;
  status: string;
  failing_rows: number;
  message: string | null;
  checked_at: Date;
}

interface AuditDatabase {
  "audit.runs": RunsTable;
  "audit.loads": LoadsTable;
  "audit.quarantine": QuarantineTable;
  "audit.deliveries": DeliveriesTable;
  "audit.test_results": TestResultsTable;
}

export interface StatusReport {
  /** What the report could not read, e.g. a warehouse held by another process. */
  notes: string[];
  runs: {
    run_id: string;
    job: string;
    started_at: string | null;
    finished_at: string | null;
    status: string;
    error: string | null;
    git_sha: string | null;
    /** True while the run is only in the runs journal, not yet folded into audit.runs. */
    journal_only?: boolean;
  }[];
  loads: {
    delivery_id: string;
    file_name: string;
    entity: string | null;
    status: string;
    rows: number | null;
    loaded: number;
    skipped: number;
    quarantined: number;
    reason: string | null;
    loaded_at: string | null;
  }[];
  rejections: { delivery_id: string; file_name: string; reason: string | null; loaded_at: string | null }[];
  quarantined_by_entity: { entity: string; rows: number }[];
  test_failures: {
    model: string;
    test: string;
    severity: string;
    status: string;
    failing_rows: number;
    checked_at: string | null;
    run_id: string;
  }[];
  freshness: { entity: string; last_loaded_at: string | null; last_delivery_created_at: string | null }[];
  /** The alerts not closed (audit.alerts): count by severity and the newest few. */
  alerts: OpenAlerts;
}

/** audit.runs with the runs journal laid over it (its record of a run is the newer), latest first. */
export function withJournal(runs: StatusReport["runs"], journal: readonly RunRecord[], limit: number): StatusReport["runs"] {
  const byId = new Map(runs.map((r) => [r.run_id, r]));
  for (const j of journal)
    byId.set(j.run_id, {
      run_id: j.run_id,
      job: j.job,
      started_at: j.started_at,
      finished_at: j.finished_at,
      status: j.status,
      error: j.error,
      git_sha: j.git_sha,
      journal_only: !byId.has(j.run_id) || undefined,
    });
  return [...byId.values()].sort((a, b) => (b.started_at ?? "").localeCompare(a.started_at ?? "")).slice(0, limit);
}

/** The report when the warehouse cannot be opened: the runs journal is all there is to read. */
export function journalOnlyReport(journal: readonly RunRecord[], limit: number, why: string): StatusReport {
  return {
    notes: [why],
    runs: withJournal([], journal, limit),
    loads: [],
    rejections: [],
    quarantined_by_entity: [],
    test_failures: [],
    freshness: [],
    alerts: { by_severity: [], newest: [] },
  };
}

/** DuckDB values as plain JSON: DECIMAL via toString(), BIGINT as number, timestamps as ISO text. */
function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "object") return String(value);
  return value;
}
const plainRow = <T>(row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])) as T;

export async function readStatus(instance: DuckDBInstance, limit = 10): Promise<StatusReport> {
  // kysely-duckdb's typings point at kysely's CommonJS build; the dialect is the same at run time.
  const db = new Kysely<AuditDatabase>({ dialect: new DuckDbDialect({ database: instance }) as unknown as Dialect });
  try {
    const present = new Set(
      (
        await sql<{
          t: string;
        }>`SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'audit' AND database_name = current_database()`.execute(db)
      ).rows.map((r) => r.t),
    );
    const report: StatusReport = {
      notes: [],
      runs: [],
      loads: [],
      rejections: [],
      quarantined_by_entity: [],
      test_failures: [],
      freshness: [],
      alerts: { by_severity: [], newest: [] },
    };
    if (present.has("runs"))
      report.runs = (
        await db
          .selectFrom("audit.runs")
          .select(["run_id", "job", "started_at", "finished_at", "status", "error", "git_sha"])
          .orderBy("started_at", "desc")
          .limit(limit)
          .execute()
      ).map((r) => plainRow(r));
    if (present.has("loads")) {
      const loads = db
        .selectFrom("audit.loads")
        .select(["delivery_id", "file_name", "entity", "status", "rows", "loaded", "skipped", "quarantined", "reason", "loaded_at"]);
      report.loads = (
        await loads
          .orderBy("loaded_at", "desc")
          .limit(limit * 2)
          .execute()
      ).map((r) => plainRow(r));
      report.rejections = (
        await db
          .selectFrom("audit.loads")
          .select(["delivery_id", "file_name", "reason", "loaded_at"])
          .where("status", "=", "rejected")
          .orderBy("loaded_at", "desc")
          .limit(limit)
          .execute()
      ).map((r) => plainRow(r));
    }
    if (present.has("quarantine"))
      report.quarantined_by_entity = (
        await db
          .selectFrom("audit.quarantine")
          .select(["entity", (eb) => eb.fn.countAll<number>().as("rows")])
          .groupBy("entity")
          .orderBy("entity")
          .execute()
      ).map((r) => plainRow(r));
    if (present.has("test_results")) {
      // Only the latest check of each model counts: a test renamed or removed while it was fixed must not
      // stay listed under its old name; within that check, each test's last result.
      const latest = await sql<TestResultsTable>`
        WITH last_check AS (
          SELECT *, first_value(run_id) OVER (PARTITION BY model ORDER BY checked_at DESC) AS model_run FROM audit.test_results
        )
        SELECT * EXCLUDE (model_run) FROM last_check WHERE run_id = model_run
        QUALIFY row_number() OVER (PARTITION BY model, test ORDER BY checked_at DESC) = 1
        ORDER BY model, test`.execute(db);
      report.test_failures = latest.rows
        .filter((r) => r.status !== "pass")
        .map((r) =>
          plainRow<StatusReport["test_failures"][number]>({
            model: r.model,
            test: r.test,
            severity: r.severity,
            status: r.status,
            failing_rows: r.failing_rows,
            checked_at: r.checked_at,
            run_id: r.run_id,
          }),
        );
    }
    report.freshness = await freshness(db, present);
    if (present.has("alerts")) report.alerts = await readOpenAlerts(instance, 5);
    return report;
  } finally {
    await db.destroy();
  }
}

async function freshness(db: Kysely<AuditDatabase>, present: Set<string>): Promise<StatusReport["freshness"]> {
  const byEntity = new Map<string, { last_loaded_at: unknown; last_delivery_created_at: unknown }>();
  if (present.has("loads") && present.has("deliveries")) {
    const rows = await db
      .selectFrom("audit.loads as l")
      .leftJoin("audit.deliveries as d", "d.delivery_id", "l.delivery_id")
      .select([
        "l.entity",
        (eb) => eb.fn.max("l.loaded_at").as("last_loaded_at"),
        (eb) => eb.fn.max("d.created_at").as("last_delivery_created_at"),
      ])
      .where("l.status", "=", "loaded")
      .groupBy("l.entity")
      .execute();
    for (const r of rows) if (r.entity) byEntity.set(r.entity, r);
  }
  return ENTITIES.map((e) => ({
    entity: e.name,
    last_loaded_at: plain(byEntity.get(e.name)?.last_loaded_at) as string | null,
    last_delivery_created_at: plain(byEntity.get(e.name)?.last_delivery_created_at) as string | null,
  }));
}

export function formatStatus(report: StatusReport, now: Date): string {
  const lines: string[] = report.notes.length ? [...report.notes.map((n) => `Note: ${n}`), ""] : [];
  const age = (iso: string | null) => (iso ? `${Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 3_600_000))} h ago` : "never");
  lines.push("Last runs:");
  for (const r of report.runs)
    lines.push(
      `  ${r.started_at ?? "?"}  ${r.job.padEnd(14)} ${r.status.padEnd(9)} ${r.run_id}${r.journal_only ? " (journal)" : ""}` +
        `${r.error ? `  — ${r.error.split("\n")[0]}` : ""}`,
    );
  if (!report.runs.length) lines.push("  (none)");
  lines.push("", "Recent loads:");
  for (const l of report.loads)
    lines.push(
      `  ${l.loaded_at ?? "?"}  ${l.file_name.padEnd(32)} ${l.status.padEnd(17)} ${l.loaded}/${l.rows ?? "?"} loaded, ${l.quarantined} ` +
        `quarantined`,
    );
  if (!report.loads.length) lines.push("  (none)");
  lines.push("", "Rejected files:");
  for (const r of report.rejections) lines.push(`  ${r.file_name} (${r.delivery_id}): ${r.reason ?? ""}`);
  if (!report.rejections.length) lines.push("  (none)");
  if (report.quarantined_by_entity.length)
    lines.push(`  quarantined rows: ${report.quarantined_by_entity.map((q) => `${q.entity} ${q.rows}`).join(", ")}`);
  lines.push("", "Failing tests (latest result of each):");
  for (const t of report.test_failures)
    lines.push(`  [${t.severity}] ${t.model}: ${t.test} — ${t.status}, ${t.failing_rows} row(s) (run ${t.run_id})`);
  if (!report.test_failures.length) lines.push("  (none)");
  lines.push("", "Source freshness (latest delivery created / loaded):");
  for (const f of report.freshness)
    lines.push(`  ${f.entity.padEnd(20)} ${f.last_delivery_created_at ?? "never"}  (${age(f.last_loaded_at)})`);
  lines.push("", ...formatOpenAlerts(report.alerts));
  return lines.join("\n");
}
