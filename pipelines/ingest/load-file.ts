// One extract file: verified against its manifest entry, then loaded in a single transaction, so a
// crash at any moment leaves the warehouse as it was before the file.
import type { DuckDBConnection } from "@duckdb/node-api";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Decimal } from "decimal.js";
import { columnsOf, entityByName, type EntityContract } from "../contracts/index.ts";
import type { ManifestFile } from "../contracts/manifest.ts";
import { ident, inTransaction, queryRows } from "../lib/duckdb.ts";
import type { FileOutcome } from "./index.ts";
import type { Logger } from "../lib/context.ts";
import { copyWithoutLines, scanFile, type FileScan } from "./read-file.ts";
import { LineMap } from "./line-map.ts";
import { badRowsSql, brokenReferencesSql, stageSql } from "./validation-sql.ts";
import { CREATE_EXCLUDE, decideRowFates } from "./row-fates.ts";
import { controlTotalOf, writeQuarantine } from "./quarantine.ts";
import { insertViaJson } from "./temp-table.ts";
import { STAGE_BASE } from "./validation-sql.ts";

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
      `INSERT INTO audit.loads VALUES ($load_id, $delivery_id, $file_name, $entity, $sha256, $encoding, $rows, $loaded, $skipped, $quarantined, $status, $reason, $extra::VARCHAR[], $control::DECIMAL(38,2), $at::TIMESTAMPTZ, $seconds)`,
      {
        load_id: loadId, delivery_id: delivery.id, file_name: file.name, entity: file.entity, sha256: scan?.sha256 ?? null,
        encoding: file.encoding, rows: counts.rows, loaded: counts.loaded, skipped: counts.skipped, quarantined: counts.quarantined,
        status, reason, extra: `[${extra.map((e) => `'${e.replaceAll("'", "''")}'`).join(",")}]`, control,
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
  let csvPath = scan.utf8Path;
  if (structure.malformed.length > 0) {
    csvPath = join(workDir, `${loadId}.clean.csv`);
    await copyWithoutLines(scan.utf8Path, csvPath, new Set(structure.malformed.map((m) => m.line)));
  }
  const t0 = performance.now();
  const lap = (step: string) => input.logger?.debug(`${input.file.name}: ${step} ${Math.round(performance.now() - t0)} ms`);
  const rejectsTable = `_rej_${loadId}`;
  await connection.run(stageSql({ entity, csvPath, header, rejectsTable, rejectsScan: `_rejscan_${loadId}`, deliveryDay: delivery.day }));
  lap("staged");
  // Order mattered only while staging (rowid = record position); from here on it costs memory and time.
  await connection.run("SET preserve_insertion_order = false");
  const rejects = await queryRows<{ line: number; message: string }>(
    connection, `SELECT line, min(error_message) AS message FROM ${rejectsTable} GROUP BY line ORDER BY line`);
  const lineMap = new LineMap(structure, rejects.map((r) => r.line - 2));
  // Rows inserted inside a transaction get rowids from a high base; the record index is rowid minus that base.
  await connection.run("SET VARIABLE stage_base = (SELECT coalesce(min(rowid), 0) FROM _stage)");
  const [{ parsed }] = (await queryRows<{ parsed: number }>(connection, "SELECT count(*) AS parsed FROM _stage")) as [{ parsed: number }];
  if (parsed + rejects.length + structure.malformed.length !== structure.rows) {
    throw new Rejection(`DuckDB read ${parsed + rejects.length} records where the structure scan found ${structure.rows - structure.malformed.length}`);
  }

  const control = await controlTotalOf(connection, entity, header, lineMap, rejects, scan);
  if (control !== null && input.file.control_total !== undefined && !controlTotalsAgree(control, input.file.control_total)) {
    throw new Rejection(`control total of ${controlColumnName(entity)} is ${control}, manifest says ${input.file.control_total}`);
  }

  lap("control total");
  const refs = brokenReferencesSql(entity);
  await connection.run(`CREATE OR REPLACE TEMP TABLE _reasons AS ${badRowsSql(entity, delivery.day)}
    ${refs ? `UNION ALL SELECT _rec, [reason], [rule] FROM (${refs})` : ""}`);
  await connection.run(CREATE_EXCLUDE);
  await connection.run(`INSERT INTO _exclude SELECT DISTINCT _rec, 'quarantine', NULL FROM _reasons`);
  lap("rules and references");
  await decideRowFates(connection, entity);

  lap("row fates");
  await writeRows(connection, entity, delivery, loadId, lineMap, parsed, workDir, structure.headerLine);
  lap("written");
  const quarantined = await writeQuarantine({ connection, entity, delivery, loadId, fileName: input.file.name, lineMap, scan, rejects, workDir });
  lap("quarantined");
  const [fates] = (await queryRows<{ skipped: number }>(connection, "SELECT count(*) FILTER (fate = 'skip') AS skipped FROM _exclude")) as [{ skipped: number }];
  await connection.run(`DROP TABLE IF EXISTS _stage; DROP TABLE IF EXISTS _exclude; DROP TABLE IF EXISTS _reasons; DROP TABLE IF EXISTS _linemap; DROP TABLE IF EXISTS _groups; DROP TABLE IF EXISTS ${rejectsTable}; DROP TABLE IF EXISTS _rejscan_${loadId}`);
  return {
    counts: { rows: structure.rows, loaded: structure.rows - quarantined - fates.skipped, skipped: fates.skipped, quarantined },
    control,
  };
}

async function writeRows(
  connection: DuckDBConnection, entity: EntityContract, delivery: Delivery, loadId: number,
  lineMap: LineMap, parsed: number, workDir: string, headerLine: number,
): Promise<void> {
  const table = `raw.${ident(entity.name)}`;
  const cols = columnsOf(entity).map((c) => ident(c.name));
  // Most files exclude nothing; an anti-join on rowid costs seconds at national scale even when empty.
  const [{ excluded }] = (await queryRows<{ excluded: number }>(connection, "SELECT count(*) AS excluded FROM _exclude")) as [{ excluded: number }];
  const keep = excluded === 0 ? "s._ok" : "s._ok AND s.rowid NOT IN (SELECT _rec FROM _exclude)";
  const created = `'${delivery.createdAt}'::TIMESTAMPTZ`;
  let line = `(s.rowid - ${STAGE_BASE} + ${headerLine + 1})::INTEGER`;
  let from = `_stage s`;
  if (!lineMap.trivial) {
    await connection.run("CREATE OR REPLACE TEMP TABLE _linemap (g BIGINT, \"offset\" INTEGER)");
    await insertViaJson(connection, "_linemap", { g: "BIGINT", offset: "INTEGER" }, lineMap.breakpoints(parsed), join(workDir, `${loadId}.linemap.json`));
    from = `_stage s ASOF JOIN _linemap m ON s.rowid - ${STAGE_BASE} >= m.g`;
    line = `(s.rowid - ${STAGE_BASE} + m."offset")::INTEGER`;
  }
  if (entity.kind === "snapshot") {
    const keys = columnsOf(entity).filter((c) => c.key).map((c) => ident(c.name));
    await connection.run(`UPDATE ${table} AS r SET _valid_to = ${created}
      WHERE r._valid_to IS NULL AND EXISTS (SELECT 1 FROM _stage s WHERE ${keep} AND ${keys.map((k) => `s.${k} = r.${k}`).join(" AND ")})`);
    await connection.run(`INSERT INTO ${table} SELECT ${cols.map((c) => `s.${c}`).join(", ")}, ${loadId}, ${line}, s._row_hash, ${created}, NULL FROM ${from} WHERE ${keep}`);
  } else {
    await connection.run(`INSERT INTO ${table} SELECT ${cols.map((c) => `s.${c}`).join(", ")}, ${loadId}, ${line}, s._row_hash FROM ${from} WHERE ${keep}`);
  }
}

