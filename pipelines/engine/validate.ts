// Before anything is built, every model about to be built is created as a view, in dependency order,
// inside one transaction that is then rolled back: DuckDB binds each against the real catalog (and
// against the new shape of the models before it), so a wrong column, a missing table or a bad test
// is refused with its file and line while the warehouse is left exactly as it was. Once a probe has its
// columns, the header's columns: and the relationships tests are checked against them (column-check.ts).
import type { DuckDBConnection } from "@duckdb/node-api";
import { UserError } from "../lib/errors.ts";
import { sampleQuery } from "./checks.ts";
import { checkDocumentedColumns, checkRelationshipColumns, relationColumns } from "./column-check.ts";
import { columnDocs } from "./header.ts";
import { qualified, type ResolvedModel } from "./model.ts";
import { bindParams, type BoundParam } from "./params.ts";
import { lineFromDuckdbMessage, shortDuckdbMessage } from "./references.ts";
import type { ObjectKind } from "./state.ts";
import { asSubquery } from "./test-sql.ts";

/** Any period will do for binding: only the shape of the result matters here. */
const BINDING_PERIOD = "2000-01";

export async function checkBeforeBuild(
  connection: DuckDBConnection,
  models: readonly ResolvedModel[],
  existing: ReadonlyMap<string, ObjectKind>,
  paramsOf: (model: ResolvedModel) => BoundParam[],
): Promise<string[]> {
  const warnings: string[] = [];
  if (models.length === 0) return warnings;
  await connection.run("BEGIN TRANSACTION");
  try {
    for (const model of models) {
      await bindParams(connection, paramsOf(model));
      if (model.header.materialized === "incremental") await connection.run("SET VARIABLE period = $p::VARCHAR", { p: BINDING_PERIOD });
      await dropExisting(connection, model.id, existing.get(model.id));
      if (model.language === "sql") await createProbe(connection, model);
      else await createStub(connection, model);
      if (model.language === "sql") {
        await freezeProbe(connection, model);
        const warning = checkDocumentedColumns(model, await relationColumns(connection, model.id));
        if (warning) warnings.push(warning);
      }
      await checkPeriodsQuery(connection, model);
      for (const test of model.tests) {
        await checkRelationshipColumns(connection, model.id, test);
        await attempt(connection, sampleQuery(model.id, test), (message) => {
          const line = test.kind === "custom" ? (lineFromDuckdbMessage(message) ?? 1) : test.line;
          return new UserError(`test ${test.name}: ${shortDuckdbMessage(message)}; fix the test's columns or SQL`, {
            at: { file: test.file, line },
          });
        });
      }
    }
  } finally {
    await connection.run("ROLLBACK");
  }
  return warnings;
}

export async function dropExisting(connection: DuckDBConnection, id: string, kind: ObjectKind | undefined): Promise<void> {
  if (kind === "table") await connection.run(`DROP TABLE IF EXISTS ${qualified(id)}`);
  if (kind === "view") await connection.run(`DROP VIEW IF EXISTS ${qualified(id)}`);
}

async function createProbe(connection: DuckDBConnection, model: ResolvedModel): Promise<void> {
  // The prefix sits on line 1 before the header comment, so DuckDB's LINE n is the file's line n.
  await attempt(connection, `CREATE VIEW ${qualified(model.id)} AS ${asSubquery(model.text)}`, (message) => {
    const hint = /does not exist/.test(message) && /raw\.|audit\./.test(message) ? " — run `tahseel ingest` first?" : "";
    return new UserError(`${shortDuckdbMessage(message)}${hint}; fix the SQL on this line`, {
      at: { file: model.file, line: lineFromDuckdbMessage(message) ?? model.block.lastLine + 1 },
    });
  });
}

/**
 * The probe view becomes an empty table of the same columns before its tests and the models after it
 * are bound: binding a stack of views expands every view at every reference, which grows with the
 * depth of the stack (seconds for a ten-model ledger), while binding against a table costs nothing.
 */
async function freezeProbe(connection: DuckDBConnection, model: ResolvedModel): Promise<void> {
  const [schema, table] = model.id.split(".") as [string, string];
  const frozen = `${schema}."${`${table}__probe`.replaceAll('"', '""')}"`;
  await connection.run(`CREATE TABLE ${frozen} AS SELECT * FROM ${qualified(model.id)} LIMIT 0`);
  await connection.run(`DROP VIEW ${qualified(model.id)}`);
  await connection.run(`ALTER TABLE ${frozen} RENAME TO "${table.replaceAll('"', '""')}"`);
}

/** A TypeScript model cannot be bound before it runs: an empty table of its declared columns stands in for it. */
async function createStub(connection: DuckDBConnection, model: ResolvedModel): Promise<void> {
  const columns = columnDocs(model.header);
  for (const c of columns) {
    await attempt(connection, `SELECT CAST(NULL AS ${c.type})`, (message) => {
      return new UserError(`column ${c.name}: type "${c.type}" is not a DuckDB type (${shortDuckdbMessage(message)})`, {
        at: { file: model.file, line: model.located.lineAt(["columns", c.name]) },
      });
    });
  }
  await connection.run(
    `CREATE TABLE ${qualified(model.id)} (${columns.map((c) => `"${c.name.replaceAll('"', '""')}" ${c.type}`).join(", ")})`,
  );
}

async function checkPeriodsQuery(connection: DuckDBConnection, model: ResolvedModel): Promise<void> {
  const periods = model.header.incremental?.periods;
  if (!periods) return;
  const line = model.located.lineAt(["incremental", "periods"]);
  await attempt(connection, `SELECT * FROM (${asSubquery(periods)})`, (message) => {
    return new UserError(`incremental.periods: ${shortDuckdbMessage(message)}; it must list YYYY-MM periods`, {
      at: { file: model.file, line },
    });
  });
}

async function attempt(connection: DuckDBConnection, sql: string, toError: (message: string) => Error): Promise<void> {
  let prepared: Awaited<ReturnType<DuckDBConnection["prepare"]>> | undefined;
  try {
    prepared = await connection.prepare(sql);
    if (/^\s*CREATE/i.test(sql)) await prepared.run();
  } catch (cause) {
    const error = toError(cause instanceof Error ? cause.message : String(cause));
    (error as { cause?: unknown }).cause = cause;
    throw error;
  } finally {
    prepared?.destroySync();
  }
}
