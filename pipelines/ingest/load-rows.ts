// The rows of one file, inside its load's transaction: inserted straight from DuckDB's reader when they meet
// every rule, then judged (control total, references, keys shared with the file and earlier loads) and
// quarantined or skipped line by line. The scan's proofs (fast-path/) spare the judgements they settle.
import type { DuckDBConnection } from "@duckdb/node-api";
import { Decimal } from "decimal.js";
import { columnsOf, type EntityContract } from "../contracts/index.ts";
import type { ManifestFile } from "../contracts/manifest.ts";
import type { Logger } from "../lib/context.ts";
import { countRows, ident, queryRows } from "../lib/duckdb.ts";
import { stopwatch } from "../lib/stopwatch.ts";
import type { Delivery } from "./deliveries.ts";
import { fixNumbered } from "./fast-path/numbered-copy.ts";
import type { Proofs } from "./fast-path/run-keys.ts";
import type { Scanner } from "./fast-path/scanner.ts";
import type { ScannedFile } from "./file-scan.ts";
import { controlTotalOf, rawTexts, rejectedRecordsSql, writeQuarantine, type DuckDbReject } from "./quarantine.ts";
import { Rejection } from "./rejection.ts";
import { applyRowFates, decideRowFates, hasEarlierRows, quarantineReferencesToQuarantined } from "./row-fates.ts";
import { BAD, createDrop, createTempTable, DROP, dropTempTables, rejectsTables } from "./temp-table.ts";
import {
  badRowsQuery,
  brokenReferencesSql,
  parsedSql,
  referencedEntities,
  rowHashOf,
  typedColumnsSql,
  type ParsedSqlInput,
  type ReferenceSizes,
} from "./validation-sql.ts";
import { rawRowCount } from "./warehouse-schema.ts";

export interface LoadRowsInput {
  connection: DuckDBConnection;
  /** The reading side: the proofs for the file (run-keys.ts). */
  scanner: Scanner;
  /** What the scanner knows the file by. */
  scanId: number;
  delivery: Delivery;
  file: ManifestFile;
  entity: EntityContract;
  scan: ScannedFile;
  /** The delivered header. */
  header: string[];
  loadId: number;
  workDir: string;
  /** Where the numbered copy is rewritten for a file whose records do not all sit on one line each. */
  fixedPath: string;
  logger?: Logger;
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

interface LoadResult {
  counts: { rows: number; loaded: number; skipped: number; quarantined: number };
  control: string | null;
  quarantinedLines: number[];
}

export async function loadRows(input: LoadRowsInput): Promise<LoadResult> {
  const { connection, delivery, workDir, entity, scan, header, loadId, fixedPath } = input;
  const structure = scan.structure;
  const clock = stopwatch();
  const lap = (step: string) => input.logger?.debug(`${input.file.name}: ${clock(step)}`);
  // Records on one line each (nearly every file) are read from the numbered copy as it is; otherwise a
  // second pass takes the numbers off continuation lines and leaves out the malformed records.
  let csvPath = scan.numberedPath;
  if (structure.malformed.length > 0 || structure.spanned) {
    csvPath = fixedPath;
    await fixNumbered(scan.numberedPath, csvPath, structure);
  }
  const sql = {
    entity,
    csvPath,
    header,
    headerLine: structure.headerLine,
    deliveryDay: delivery.day,
    ...rejectsTables(loadId),
  };
  const records = structure.rows - structure.malformed.length;

  // The proofs from the keys of earlier files are worked out while DuckDB inserts.
  const proving = input.scanner.prove(input.scanId, entity.name);
  // Rows that meet every rule go straight from the reader into the raw table, in parallel, each with
  // its physical line: no staging copy. What failed is worked out afterwards.
  const inserted = await insertParsed(connection, entity, delivery, loadId, sql, records);
  const proofs = await proving;
  lap(`inserted (proved: ${describeProofs(proofs)})`);
  const rejects = await queryRows<DuckDbReject>(connection, rejectedRecordsSql(sql.rejectsTable));
  const unplaced = rejects.find((r) => r.line === null);
  if (unplaced) throw new Rejection(`DuckDB rejected a record without its line number: ${unplaced.message}`);
  const parsed = records - rejects.length;
  const hasBad = inserted < parsed;
  let bad = 0;
  if (hasBad) {
    await createTempTable(connection, BAD, badRowsQuery({ ...sql, ...rejectsTables(loadId, 2) }));
    bad = await countRows(connection, BAD);
  }
  if (inserted + bad !== parsed) {
    throw new Rejection(`DuckDB read ${inserted + bad + rejects.length} records where the structure scan found ${records}`);
  }

  const rejectTexts = await rawTexts(
    scan,
    rejects.map((r) => structure.rowAtLine(r.line)),
  );
  const control = await controlTotalOf(connection, entity, header, rejectTexts, scan, { loadId, hasBad });
  if (control !== null && input.file.control_total !== undefined && !controlTotalsAgree(control, input.file.control_total)) {
    throw new Rejection(`control total of ${controlColumnName(entity)} is ${control}, manifest says ${input.file.control_total}`);
  }

  await createDrop(connection);
  const refs = brokenReferencesSql(
    entity,
    loadId,
    await referenceSizes(connection, entity, inserted, proofs.referencesHold),
    proofs.referencesHold,
  );
  if (refs) await connection.run(`INSERT INTO ${DROP} SELECT line, 'quarantine', reason, rule FROM (${refs})`);
  lap("references");
  // Rows of other loads do not change while this one is judged: asked once, for both steps.
  const earlierRows = await hasEarlierRows(connection, entity, inserted);
  await decideRowFates(connection, entity, loadId, earlierRows, proofs);
  await quarantineReferencesToQuarantined(connection, entity, loadId);
  lap("row fates");
  const quarantinedLines = await writeQuarantine({
    connection,
    entity,
    delivery,
    loadId,
    fileName: input.file.name,
    scan,
    rejects,
    rejectTexts,
    hasBad,
    workDir,
  });
  const quarantined = quarantinedLines.length;
  const skipped = await applyRowFates(connection, entity, loadId, delivery.createdAt, earlierRows, proofs);
  lap("applied");
  await dropTempTables(connection, loadId);
  return {
    counts: { rows: structure.rows, loaded: structure.rows - quarantined - skipped, skipped, quarantined },
    control,
    quarantinedLines,
  };
}

const describeProofs = (p: Proofs) =>
  [p.keysUnique && "keys unique", p.noEarlierKeys && "no earlier keys", ...[...p.referencesHold].map((c) => `${c} found`)]
    .filter(Boolean)
    .join(", ") || "nothing";

/** The sizes `brokenReferencesSql` chooses its plan by, for the references it looks at. */
async function referenceSizes(
  connection: DuckDBConnection,
  entity: EntityContract,
  inserted: number,
  proven: ReadonlySet<string>,
): Promise<ReferenceSizes> {
  const rows = new Map<string, number>();
  for (const name of referencedEntities(entity, proven)) rows.set(name, await rawRowCount(connection, name));
  return { inserted, rows };
}

/** Inserts the parsed rows that meet every rule. */
async function insertParsed(
  connection: DuckDBConnection,
  entity: EntityContract,
  delivery: Delivery,
  loadId: number,
  sql: ParsedSqlInput,
  records: number,
): Promise<number> {
  const history = entity.kind === "snapshot" ? `, '${delivery.createdAt}'::TIMESTAMPTZ, NULL` : "";
  // Every row carries its physical line, so the table need not keep the file's order: without it the
  // reader's threads append as they go instead of waiting on each other (national wage, contributor and
  // engagement files of 6.4-6.8 million rows 12-18 % faster; activity files of 2.2 million unchanged).
  // Files under a million records, the daily ones, keep DuckDB's default. Set before every insert rather
  // than reset after it: a failed insert aborts the transaction, and a RESET there would fail in its turn.
  await connection.run(`SET preserve_insertion_order = ${records >= 1_000_000 ? "false" : "true"}`);
  const result = await connection.run(
    `INSERT INTO raw.${ident(entity.name)} SELECT ${typedColumnsSql(entity)}, ${loadId}, _line, ${rowHashOf(entity)}${history}
     FROM ${parsedSql(sql)} WHERE _ok`,
  );
  return result.rowsChanged;
}
