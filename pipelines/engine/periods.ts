// Incremental models hold one slice per period (YYYY-MM). The model's SQL builds the slice for
// getvariable('period'); the engine keeps track of which periods are built and from which code, fills
// the missing ones, rebuilds the latest `lookback` ones when inputs changed, and rebuilds a period on
// request (`--period`). A change of code rebuilds every period. All inside the model's transaction.
import type { DuckDBConnection } from "@duckdb/node-api";
import { countRows, ident, queryRows } from "../lib/duckdb.ts";
import { UserError } from "../lib/errors.ts";
import { qualified } from "./model.ts";
import { PERIOD } from "./params.ts";
import type { PlannedModel } from "./plan.ts";
import { builtPeriods, forgetPeriods, recordPeriod } from "./state.ts";
import { asSubquery } from "./test-sql.ts";
import { dropExisting } from "./validate.ts";

const SLICE = "__tahseel_period_slice";

export async function wantedPeriods(connection: DuckDBConnection, plan: PlannedModel): Promise<string[]> {
  const { model } = plan;
  const rows = await connection.runAndReadAll(`SELECT * FROM (${asSubquery(model.header.incremental!.periods)})`);
  const line = model.located.lineAt(["incremental", "periods"]);
  const periods = new Set<string>();
  for (const [value] of rows.getRows()) {
    if (value === null) continue;
    const text = String(value);
    if (!PERIOD.safeParse(text).success)
      throw new UserError(`incremental.periods returned "${text}", not a period YYYY-MM; make the query return periods like 2026-03`, {
        at: { file: model.file, line },
      });
    periods.add(text);
  }
  return [...periods].sort();
}

export function periodsToBuild(plan: PlannedModel, wanted: readonly string[], built: ReadonlySet<string>, fullRebuild: boolean): string[] {
  const chosen = new Set(plan.requestedPeriods);
  for (const p of wanted) if (fullRebuild || !built.has(p)) chosen.add(p);
  if (plan.inputsChanged) for (const p of wanted.slice(Math.max(0, wanted.length - plan.model.header.incremental!.lookback))) chosen.add(p);
  return [...chosen].sort();
}

export async function buildPeriods(
  connection: DuckDBConnection,
  plan: PlannedModel,
  meta: { runId: string; now: () => Date },
): Promise<string[]> {
  const { model } = plan;
  const target = qualified(model.id);
  const column = model.header.incremental!.period_column;
  const fullRebuild = plan.codeChanged || plan.existing !== "table";
  if (fullRebuild) {
    await dropExisting(connection, model.id, plan.existing);
    await forgetPeriods(connection, model.id);
  }
  const wanted = await wantedPeriods(connection, plan);
  const built = fullRebuild ? new Set<string>() : await builtPeriods(connection, model.id, plan.codeFingerprint);
  const todo = periodsToBuild(plan, wanted, built, fullRebuild);
  let exists = !fullRebuild;
  if (!exists && todo.length === 0) {
    // No period yet: create the empty table so the models after it can read it.
    await connection.run("SET VARIABLE period = NULL");
    await connection.run(`CREATE TABLE ${target} AS SELECT * FROM (${asSubquery(model.text)}) WHERE false`);
  }
  for (const period of todo) {
    await connection.run("SET VARIABLE period = $p::VARCHAR", { p: period });
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${SLICE} AS ${asSubquery(model.text)}`);
    const stray = await queryRows<{ n: number; example: string | null }>(
      connection,
      `SELECT count(*) AS n, any_value(CAST(${ident(column)} AS VARCHAR)) AS example FROM ${SLICE} WHERE ${ident(column)} IS DISTINCT ` +
        `FROM $p`,
      { p: period },
    ).catch((cause) => {
      throw new UserError(`incremental.period_column: the model has no column "${column}"`, {
        at: { file: model.file, line: model.located.lineAt(["incremental", "period_column"]) },
        cause,
      });
    });
    if (stray[0]!.n > 0)
      throw new UserError(
        `building period ${period} returned ${stray[0]!.n} row(s) of another period (e.g. ${stray[0]!.example}); filter with WHERE ` +
          `${column} = getvariable('period')`,
        { at: { file: model.file, line: model.block.lastLine + 1 } },
      );
    if (exists) {
      await connection.run(`DELETE FROM ${target} WHERE ${ident(column)} = $p`, { p: period });
      await connection.run(`INSERT INTO ${target} BY NAME SELECT * FROM ${SLICE}`);
    } else {
      await connection.run(`CREATE TABLE ${target} AS SELECT * FROM ${SLICE}`);
      exists = true;
    }
    const rows = await countRows(connection, SLICE);
    await recordPeriod(connection, {
      model: model.id,
      period,
      codeFingerprint: plan.codeFingerprint,
      builtAt: meta.now(),
      runId: meta.runId,
      rows,
    });
  }
  await connection.run(`DROP TABLE IF EXISTS ${SLICE}`);
  return todo;
}
