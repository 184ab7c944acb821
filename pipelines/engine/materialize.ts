// Builds one model in its own transaction: create or replace it, run its tests, and COMMIT only if no
// blocking test failed. DuckDB's DDL is transactional, so CREATE OR REPLACE inside the transaction is
// the atomic swap: readers see the previous table until COMMIT, and any failure — a SQL error, a
// failing `error` test, a stop signal — rolls back to it. No temporary tables are left behind by a crash.
import type { DuckDBConnection } from "@duckdb/node-api";
import { countRows, queryRows } from "../lib/duckdb.ts";
import { UserError } from "../lib/errors.ts";
import { blocks, runTests } from "./checks.ts";
import { checkDocumentedColumns } from "./column-check.ts";
import { columnDocs } from "./header.ts";
import { qualified } from "./model.ts";
import { bindParams } from "./params.ts";
import { buildPeriods } from "./periods.ts";
import type { PlannedModel } from "./plan.ts";
import { lineFromDuckdbMessage, shortDuckdbMessage } from "./references.ts";
import { recordModelState, recordTestResults, type TestResultRow } from "./state.ts";
import { asSubquery } from "./test-sql.ts";
import { loadTsModel } from "./ts-model.ts";
import { dropExisting } from "./validate.ts";

export type ModelStatus = "built" | "fresh" | "failed" | "test_failed" | "blocked" | "cancelled";

export interface ModelOutcome {
  model: string;
  status: ModelStatus;
  reason?: string;
  error?: string;
  rows?: number | null;
  periods?: string[];
  durationMs: number;
  /** performance.now() when the engine started it: with durationMs, which models ran beside it. */
  startedMs?: number;
  tests: TestResultRow[];
  /** What the build let pass but reports, e.g. undocumented columns of a TypeScript model under columns_check: warn. */
  warnings?: string[];
}

export interface BuildMeta {
  runId: string;
  now: () => Date;
}

export async function materialize(connection: DuckDBConnection, plan: PlannedModel, meta: BuildMeta): Promise<ModelOutcome> {
  const { model } = plan;
  const started = performance.now();
  const target = qualified(model.id);
  let tests: TestResultRow[] = [];
  let periods: string[] | undefined;
  const warnings: string[] = [];
  try {
    await bindParams(connection, plan.params);
    await connection.run("BEGIN TRANSACTION");
    switch (model.header.materialized) {
      case "view":
        if (plan.existing === "table") await dropExisting(connection, model.id, "table");
        await connection.run(`CREATE OR REPLACE VIEW ${target} AS ${asSubquery(model.text)}`);
        break;
      case "table":
        if (plan.existing === "view") await dropExisting(connection, model.id, "view");
        if (model.language === "ts") warnings.push(...(await runTsModel(connection, plan, target)));
        else await connection.run(`CREATE OR REPLACE TABLE ${target} AS ${asSubquery(model.text)}`);
        break;
      case "incremental":
        periods = await buildPeriods(connection, plan, meta);
        break;
    }
    tests = await runTests(connection, model.id, model.tests, meta);
    if (tests.some(blocks)) {
      await connection.run("ROLLBACK");
      await recordTestResults(connection, tests);
      const failed = tests.filter(blocks).map((t) => t.test);
      return {
        model: model.id,
        status: "test_failed",
        reason: plan.reason,
        error: `blocking test failed: ${failed.join(", ")}; the previous version is kept`,
        durationMs: performance.now() - started,
        tests,
        periods,
      };
    }
    const rows = model.header.materialized === "view" ? null : await countRows(connection, target);
    const durationMs = performance.now() - started;
    await recordModelState(connection, {
      model: model.id,
      fingerprint: plan.fingerprint,
      codeFingerprint: plan.codeFingerprint,
      materialized: model.header.materialized,
      builtAt: meta.now(),
      runId: meta.runId,
      rows,
      durationMs,
    });
    await connection.run("COMMIT");
    await recordTestResults(connection, tests);
    return { model: model.id, status: "built", reason: plan.reason, rows, periods, durationMs, tests, warnings };
  } catch (error) {
    await connection.run("ROLLBACK").catch(() => undefined);
    if (tests.length) await recordTestResults(connection, tests);
    return {
      model: model.id,
      status: "failed",
      reason: plan.reason,
      error: describeBuildError(plan, error),
      durationMs: performance.now() - started,
      tests,
      periods,
    };
  }
}

async function runTsModel(connection: DuckDBConnection, plan: PlannedModel, target: string): Promise<string[]> {
  const { model } = plan;
  const build = await loadTsModel(model);
  await connection.run(`DROP TABLE IF EXISTS ${target}`);
  await build({
    connection,
    target,
    params: Object.fromEntries(plan.params.map((p) => [p.name, p.value])),
    upstream: model.upstream,
    relation: qualified,
  });
  const [schema, table] = model.id.split(".");
  const found = await queryRows<{ column_name: string }>(
    connection,
    "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = $schema AND table_name = $table",
    { schema: schema!, table: table! },
  );
  const have = new Set(found.map((c) => c.column_name));
  if (have.size === 0)
    throw new UserError(`the TypeScript model did not create ${model.id}; create the table named by ctx.target`, {
      at: { file: model.file, line: 1 },
    });
  const missing = columnDocs(model.header).filter((c) => !have.has(c.name));
  if (missing.length)
    throw new UserError(
      `the table it created lacks the declared column(s) ${missing.map((c) => c.name).join(", ")}; create them or fix the header`,
      {
        at: { file: model.file, line: model.located.lineAt(["columns", missing[0]!.name]) },
      },
    );
  // Columns it made beyond the declared ones are undocumented: refused unless the header says columns_check: warn.
  const warning = checkDocumentedColumns(model, [...have]);
  return warning ? [warning] : [];
}

function describeBuildError(plan: PlannedModel, error: unknown): string {
  if (error instanceof UserError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const line = plan.model.language === "sql" ? lineFromDuckdbMessage(message) : undefined;
  return `${plan.model.file}${line ? ` line ${line}` : ""}: ${shortDuckdbMessage(message)}`;
}
