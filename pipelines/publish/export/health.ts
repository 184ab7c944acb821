// Data health for analysts: how fresh each source is, what was loaded and rejected, why rows were
// quarantined, the latest result of every model test, the runs, the KPI definitions with their
// lineage, and the model catalogue (lineage graph and data dictionary).
import type { DuckDBConnection } from "@duckdb/node-api";
import { ENTITIES } from "../../contracts/index.ts";
import { buildCatalog, type Catalog } from "../../engine/catalog.ts";
import { discoverModels } from "../../engine/discover.ts";
import { resolveProject } from "../../engine/graph.ts";
import { queryRows } from "../../lib/duckdb.ts";
import type { DataFiles } from "../data-files.ts";
import { objectionIssues } from "./objection-issues.ts";
import { writePaged } from "./paged.ts";
import type { Audience, Stamp } from "../types.ts";
import type {
  FreshnessRow,
  HealthData,
  LoadRow,
  QuarantinedLine,
  QuarantineRow,
  RejectionRow,
  RunInput,
  RunRow,
  TestRow,
} from "../page-data/health.ts";

/** Quarantined rows shown with their raw text in the audit build (the newest first). */
export const QUARANTINE_SAMPLE = 500;

const iso = (c: string) => `strftime(${c} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ')`;

/**
 * Free text written by the pipeline (a rejection's reason, a failed run's error) may name an
 * employer or a contributor; the management edition shows it with every id-like number masked.
 */
const text = (c: string, audience: Audience) => (audience === "audit" ? c : `regexp_replace(${c}, '\\d{9,}', '#########', 'g')`);

export async function exportHealth(
  connection: DuckDBConnection,
  files: DataFiles,
  shards: DataFiles,
  o: { stamp: Stamp; audience: Audience; modelsDir: string; now: Date },
): Promise<void> {
  const freshness = await queryRows<FreshnessRow>(
    connection,
    `SELECT l.entity, ${iso("max(d.created_at)")} AS last_delivery_created_at, ${iso("max(l.loaded_at)")} AS last_loaded_at,
       count(*)::INTEGER AS files, sum(l.loaded)::BIGINT AS rows_loaded
     FROM audit.loads AS l LEFT JOIN audit.deliveries AS d USING (delivery_id) WHERE l.status = 'loaded' GROUP BY l.entity`,
  );
  const loads = await queryRows<LoadRow>(
    connection,
    `SELECT coalesce(entity, 'unknown') AS entity, count(*)::INTEGER AS files,
       count(*) FILTER (WHERE status = 'loaded')::INTEGER AS loaded_files,
         count(*) FILTER (WHERE status = 'rejected')::INTEGER AS rejected_files,
       count(*) FILTER (WHERE status = 'skipped_duplicate')::INTEGER AS duplicate_files, coalesce(sum(rows), 0)::BIGINT AS rows,
       sum(loaded)::BIGINT AS loaded, sum(skipped)::BIGINT AS skipped, sum(quarantined)::BIGINT AS quarantined
     FROM audit.loads GROUP BY ALL ORDER BY entity`,
  );
  const rejections = await queryRows<RejectionRow>(
    connection,
    `SELECT delivery_id, file_name, entity, ${text("reason", o.audience)} AS reason, ${iso("loaded_at")} AS happened_at FROM audit.loads
        WHERE status = 'rejected'
     UNION ALL SELECT delivery_id, folder, NULL, ${text("reason", o.audience)}, ${iso("applied_at")} FROM audit.deliveries
       WHERE status = 'rejected'
     ORDER BY happened_at DESC`,
  );
  const quarantine = await queryRows<QuarantineRow>(
    connection,
    `SELECT entity, rule, count(*)::INTEGER AS rows FROM (SELECT entity, unnest(rules) AS rule FROM audit.quarantine) GROUP BY ALL
        ORDER BY rows DESC, entity, rule`,
  );
  const tests = await queryRows<TestRow>(
    connection,
    `SELECT model, test, severity, status, failing_rows, ${iso("checked_at")} AS checked_at, run_id FROM audit.test_results
     QUALIFY row_number() OVER (PARTITION BY model, test ORDER BY checked_at DESC) = 1 ORDER BY status = 'pass', model, test`,
  );
  const runs = await queryRows<RunRow>(
    connection,
    `SELECT run_id, job, ${iso("started_at")} AS started_at, ${iso("finished_at")} AS finished_at, status,
        ${text("error", o.audience)} AS error, git_sha,
       CAST(as_of AS VARCHAR) AS as_of, coalesce(json_array_length(inputs), 0)::INTEGER AS inputs,
       (SELECT list(s->>'name' || ':' || (s->>'status')) FROM unnest(CAST(coalesce(steps, '[]') AS JSON[])) AS t(s)) AS steps
     FROM audit.runs ORDER BY started_at DESC LIMIT 30`,
  );
  const inputs = await queryRows<RunInput>(
    connection,
    `SELECT i->>'file' AS file, i->>'sha256' AS sha256 FROM audit.runs, unnest(CAST(coalesce(inputs, '[]') AS JSON[])) AS t(i)
        WHERE run_id = $run`,
    { run: o.stamp.run_id },
  );
  const catalog = await modelCatalog(connection, o.modelsDir, o.now);
  const out: HealthData = {
    entities: ENTITIES.map((e) => e.name),
    freshness,
    loads,
    rejections,
    quarantine,
    tests,
    runs,
    // a run over two years of daily deliveries reads thousands of files: listed in pages, on demand
    run_inputs: {
      run_id: o.stamp.run_id,
      paged: writePaged(shards, `run-inputs/${o.stamp.run_id.replace(/[^\w.-]/g, "_")}`, inputs),
    },
    objection_issues: await objectionIssues(connection),
  };
  if (o.audience === "audit")
    out.quarantined_rows = await queryRows<QuarantinedLine>(
      connection,
      `SELECT q.delivery_id, q.file_name, q.entity, q.line, q.raw, q.reasons FROM audit.quarantine AS q
       LEFT JOIN audit.loads AS l USING (load_id) ORDER BY l.loaded_at DESC NULLS LAST, q.file_name, q.line LIMIT ${QUARANTINE_SAMPLE}`,
    );
  files.page("health.json", out);
  files.page("catalog.json", catalog);
}

async function modelCatalog(connection: DuckDBConnection, modelsDir: string, now: Date): Promise<Catalog> {
  const project = await resolveProject(discoverModels(modelsDir), connection);
  return buildCatalog(project, connection, now);
}
