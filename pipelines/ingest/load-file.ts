// One extract file: verified against its manifest entry, then loaded in a single transaction, so a
// crash at any moment leaves the warehouse as it was before the file.
import type { DuckDBConnection } from "@duckdb/node-api";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Decimal } from "decimal.js";
import { columnsOf, entityByName, type EntityContract } from "../contracts/index.ts";
import type { ManifestFile } from "../contracts/manifest.ts";
import { ident, inTransaction, queryRows } from "../lib/duckdb.ts";
import type { FileOutcome } from "./index.ts";
import type { Logger } from "../lib/context.ts";
import { copyWithoutLines, scanFile, type FileScan } from "./read-file.ts";
import { LineMap } from "./line-map.ts";
import { badRowsTableSql, brokenReferencesSql, parsedSql, rowHashOf, typedColumnsSql, type ParsedSqlInput } from "./validation-sql.ts";
import { applyRowFates, CREATE_DROP, decideRowFates } from "./row-fates.ts";
import { controlTotalOf, rawTexts, writeQuarantine, type DuckDbReject } from "./quarantine.ts";
import { insertViaJson } from "./temp-table.ts";

export interface Delivery {
  id: string;
  folder: string;
  createdAt: string;
  /** The Riyadh calendar day of created_at. */
  day: string;
}

export interface LoadFileInput {
  connection: DuckDBConnection;
  delivery: Delivery;
  file: ManifestFile;
  workDir: string;
  now: () => Date;
  logger?: Logger;
}

/** A reason to reject the whole file: none of its rows is loaded. */
class Rejection extends Error {}

export async function loadFile(input: LoadFileInput): Promise<FileOutcome & { sha256: string | null }> {
  const { connection, delivery, file } = input;
  const started = input.now();
  const [{ id: loadId }] = (await queryRows<{ id: number }>(connection, "SELECT nextval('audit.load_id_seq') AS id")) as [{ id: number }];
  const outcome = { deliveryId: delivery.id, fileName: file.name, entity: file.entity, rows: file.rows, loaded: 0, skipped: 0, quarantined: 0 };
  let scan: FileScan | null = null;
  const record = async (status: FileOutcome["status"], reason: string | null, counts = outcome, extra: string[] = [], control: string | null = null) => {
    await connection.run(
      `INSERT INTO audit.loads VALUES ($load_id, $delivery_id, $file_name, $entity, $sha256, $encoding, $rows, $loaded, $skipped, $quarantined, $status, $reason, from_json($extra, '["VARCHAR"]'), $control::DECIMAL(38,2), $at::TIMESTAMPTZ, $seconds)`,
      {
        load_id: loadId, delivery_id: delivery.id, file_name: file.name, entity: file.entity, sha256: scan?.sha256 ?? null,
        encoding: file.encoding, rows: counts.rows, loaded: counts.loaded, skipped: counts.skipped, quarantined: counts.quarantined,
        status, reason, extra: JSON.stringify(extra), control,
        at: input.now().toISOString(), seconds: (input.now().getTime() - started.getTime()) / 1000,
      },
    );
    return { ...outcome, ...counts, status, reason, sha256: scan?.sha256 ?? null };
  };
  const rejected = async (reason: string) => record("rejected", `${file.name}: ${reason}`, { ...outcome, loaded: 0, skipped: 0, quarantined: 0 });

  const path = join(delivery.folder, file.name);
  if (!existsSync(path)) return rejected("named in manifest.json but missing from the delivery folder");
  const entity = entityByName(file.entity)!;
  scan = await scanFile(path, file.encoding, join(input.workDir, `${loadId}.utf8.csv`));
  if (scan.sha256 !== file.sha256.toLowerCase()) return rejected(`sha256 is ${scan.sha256}, manifest says ${file.sha256}`);
  const earlier = await queryRows<{ delivery_id: string; file_name: string }>(
    connection, `SELECT delivery_id, file_name FROM audit.loads WHERE sha256 = $sha AND status = 'loaded' LIMIT 1`, { sha: scan.sha256 });
  if (earlier[0]) {
    return record("skipped_duplicate", `same sha256 as ${earlier[0].delivery_id}/${earlier[0].file_name}, already loaded`, { ...outcome, skipped: file.rows });
  }
  try {
    const { header, extra } = checkHeader(scan, entity, file);
    // The audit row commits with the data, so a crash can never leave rows without their load record.
    return await inTransaction(connection, async () => {
      const result = await loadRows(input, entity, scan!, header, loadId);
      return record("loaded", extra.length ? `extra columns ignored: ${extra.join(", ")}` : null, { ...outcome, ...result.counts }, extra, result.control);
    });
  } catch (error) {
    if (error instanceof Rejection) return rejected(error.message);
    if (isInputError(error)) return rejected(`unreadable as CSV: ${(error as Error).message.split("\n")[0]}`);
    throw error;
  } finally {
    // Decoded and cleaned copies of a national-scale file are gigabytes: gone as soon as the file is done.
    for (const suffix of ["utf8.csv", "clean.csv"]) rmSync(join(input.workDir, `${loadId}.${suffix}`), { force: true });
  }
}

/**
 * The exact sum must equal the manifest's; a row delivered with more than two decimals makes the exact sum
 * longer than a source that rounds its total to the halala would write, so that rounding is accepted too.
 */
function controlTotalsAgree(computed: string, manifest: string): boolean {
  const exact = new Decimal(computed);
  return exact.eq(manifest) || exact.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).eq(manifest);
}

const controlColumnName = (entity: EntityContract) => columnsOf(entity).find((c) => c.control)?.name ?? "";

function checkHeader(scan: FileScan, entity: EntityContract, file: ManifestFile): { header: string[]; extra: string[] } {
  if (scan.nulAt !== null) throw new Rejection(`not a CSV text file (NUL byte at offset ${scan.nulAt})`);
  const header = scan.structure.header;
  if (header === null) throw new Rejection("empty file: no header line");
  const seen = new Set<string>();
  for (const [i, name] of header.entries()) {
    if (seen.has(name)) throw new Rejection(`line 1, column ${i + 1}: header names "${name}" twice`);
    seen.add(name);
  }
  const expected = columnsOf(entity).map((c) => c.name);
  const missing = expected.filter((c) => !seen.has(c));
  if (missing.length) throw new Rejection(`line 1: header lacks required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  if (scan.structure.rows !== file.rows) throw new Rejection(`has ${scan.structure.rows} data rows, manifest says ${file.rows}`);
  return { header, extra: header.filter((h) => !expected.includes(h)) };
}

function isInputError(error: unknown): boolean {
  const m = error instanceof Error ? error.message : "";
  return /Invalid Input Error|Conversion Error|Invalid unicode|CSV Error|sniffing/i.test(m);
}

interface LoadResult {
  counts: { rows: number; loaded: number; skipped: number; quarantined: number };
  control: string | null;
}

async function loadRows(input: LoadFileInput, entity: EntityContract, scan: FileScan, header: string[], loadId: number): Promise<LoadResult> {
  const { connection, delivery, workDir } = input;
  const structure = scan.structure;
  const t0 = performance.now();
  const lap = (step: string) => input.logger?.debug(`${input.file.name}: ${step} ${Math.round(performance.now() - t0)} ms`);
  let csvPath = scan.utf8Path;
  if (structure.malformed.length > 0) {
    csvPath = join(workDir, `${loadId}.clean.csv`);
    await copyWithoutLines(scan.utf8Path, csvPath, new Set(structure.malformed.map((m) => m.line)));
  }
  const sql = { entity, csvPath, header, deliveryDay: delivery.day, rejectsTable: `_rej_${loadId}`, rejectsScan: `_rejscan_${loadId}` };
  const records = structure.rows - structure.malformed.length;

  // Rows that meet every rule go straight from the reader into the raw table, in parallel and in file
  // order: no staging copy. What failed, and where each row came from, is worked out afterwards.
  const inserted = await insertParsed(connection, entity, delivery, loadId, sql);
  lap("inserted");
  const rejects = await queryRows<DuckDbReject>(connection, `SELECT line, min(error_message) AS message FROM ${sql.rejectsTable} GROUP BY line ORDER BY line`);
  const lineMap = new LineMap(structure, rejects.map((r) => r.line - 2));
  const parsed = records - rejects.length;
  const hasBad = inserted < parsed;
  let badParsed: number[] = [];
  if (hasBad) {
    await connection.run(badRowsTableSql({ ...sql, rejectsTable: `${sql.rejectsTable}_2`, rejectsScan: `${sql.rejectsScan}_2` }));
    badParsed = (await queryRows<{ i: number }>(connection, "SELECT _i AS i FROM _bad ORDER BY _i")).map((r) => r.i);
  }
  if (inserted + badParsed.length !== parsed) {
    throw new Rejection(`DuckDB read ${inserted + badParsed.length + rejects.length} records where the structure scan found ${records}`);
  }
  await stampLines(connection, entity, loadId, lineMap.withoutParsed(badParsed), inserted, workDir);
  lap("lines");

  const rejectTexts = await rawTexts(scan, rejects.map((r) => lineMap.rowOfRecord(r.line - 2)));
  const control = await controlTotalOf(connection, entity, header, rejectTexts, scan, { loadId, hasBad });
  if (control !== null && input.file.control_total !== undefined && !controlTotalsAgree(control, input.file.control_total)) {
    throw new Rejection(`control total of ${controlColumnName(entity)} is ${control}, manifest says ${input.file.control_total}`);
  }

  await connection.run(CREATE_DROP);
  const refs = brokenReferencesSql(entity, loadId);
  if (refs) await connection.run(`INSERT INTO _drop SELECT line, 'quarantine', reason, rule FROM (${refs})`);
  lap("references");
  await decideRowFates(connection, entity, loadId);
  lap("row fates");
  const quarantined = await writeQuarantine({ connection, entity, delivery, loadId, fileName: input.file.name, lineMap, scan, rejects, rejectTexts, hasBad, workDir });
  await applyRowFates(connection, entity, loadId, delivery.createdAt);
  lap("applied");
  const [fates] = (await queryRows<{ skipped: number }>(connection, "SELECT count(DISTINCT line) FILTER (fate = 'skip') AS skipped FROM _drop")) as [{ skipped: number }];
  await connection.run(`DROP TABLE IF EXISTS _bad; DROP TABLE IF EXISTS _drop; DROP TABLE IF EXISTS _groups; DROP TABLE IF EXISTS _linemap;
    DROP TABLE IF EXISTS ${sql.rejectsTable}; DROP TABLE IF EXISTS ${sql.rejectsScan};
    DROP TABLE IF EXISTS ${sql.rejectsTable}_2; DROP TABLE IF EXISTS ${sql.rejectsScan}_2`);
  return {
    counts: { rows: structure.rows, loaded: structure.rows - quarantined - fates.skipped, skipped: fates.skipped, quarantined },
    control,
  };
}

/** Inserts the parsed rows that meet every rule, with `_line` 0 until stampLines. */
async function insertParsed(connection: DuckDBConnection, entity: EntityContract, delivery: Delivery, loadId: number, sql: ParsedSqlInput): Promise<number> {
  const history = entity.kind === "snapshot" ? `, '${delivery.createdAt}'::TIMESTAMPTZ, NULL` : "";
  await connection.run("SET preserve_insertion_order = true");
  const result = await connection.run(
    `INSERT INTO raw.${ident(entity.name)} SELECT ${typedColumnsSql(entity)}, ${loadId}, 0, ${rowHashOf(entity)}${history}
     FROM ${parsedSql(sql)} WHERE _ok`,
  );
  return result.rowsChanged;
}

/**
 * Physical lines for the rows this load inserted. They sit in the table in file order, so a row's rank
 * is its rowid minus the first one's; the line map turns ranks into lines (one breakpoint when every
 * row sits on its own line, more where rows were left out or spanned lines).
 */
async function stampLines(connection: DuckDBConnection, entity: EntityContract, loadId: number, lineMap: LineMap, inserted: number, workDir: string): Promise<void> {
  if (inserted === 0) return;
  const table = `raw.${ident(entity.name)}`;
  await connection.run(`SET VARIABLE load_base = (SELECT min(rowid) FROM ${table} WHERE _load_id = ${loadId})`);
  const breakpoints = lineMap.breakpoints(inserted);
  if (breakpoints.length === 1) {
    await connection.run(`UPDATE ${table} SET _line = (rowid - getvariable('load_base') + ${breakpoints[0]!.offset})::INTEGER WHERE _load_id = ${loadId}`);
    return;
  }
  await connection.run(`CREATE OR REPLACE TEMP TABLE _linemap (g BIGINT, "offset" INTEGER)`);
  await insertViaJson(connection, "_linemap", { g: "BIGINT", offset: "INTEGER" }, breakpoints, join(workDir, `${loadId}.linemap.json`));
  await connection.run(`UPDATE ${table} AS r SET _line = (r.rowid - getvariable('load_base') + m."offset")::INTEGER
    FROM (SELECT g, "offset", coalesce(lead(g) OVER (ORDER BY g), 9223372036854775807) AS next_g FROM _linemap) m
    WHERE r._load_id = ${loadId} AND r.rowid - getvariable('load_base') >= m.g AND r.rowid - getvariable('load_base') < m.next_g`);
}
