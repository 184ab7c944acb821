// One extract file: verified against its manifest entry, then loaded in a single transaction, so a
// crash at any moment leaves the warehouse as it was before the file.
import type { DuckDBConnection } from "@duckdb/node-api";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { Decimal } from "decimal.js";
import { columnsOf, entityByName, type EntityContract } from "../contracts/index.ts";
import type { ManifestFile } from "../contracts/manifest.ts";
import { countRows, ident, inTransaction, queryRows } from "../lib/duckdb.ts";
import type { Logger } from "../lib/context.ts";
import { firstStrayCarriageReturn, type FileScan } from "./fast-path/read-file.ts";
import { fixNumbered } from "./fast-path/numbered-copy.ts";
import {
  badRowsTableSql,
  brokenReferencesSql,
  parsedSql,
  referencedEntities,
  rowHashOf,
  typedColumnsSql,
  type ParsedSqlInput,
  type ReferenceSizes,
} from "./validation-sql.ts";
import { rawRowCount } from "./warehouse-schema.ts";
import type { Delivery } from "./deliveries.ts";
import {
  applyRowFates,
  CREATE_DROP,
  decideRowFates,
  hasEarlierRows,
  newerSnapshotLoad,
  quarantineReferencesToQuarantined,
} from "./row-fates.ts";
import { controlTotalOf, rawTexts, rejectedRecordsSql, writeQuarantine, type DuckDbReject } from "./quarantine.ts";
import { stopwatch } from "../lib/stopwatch.ts";
import type { Proofs } from "./fast-path/run-keys.ts";
import type { ScanRequest, Scanner } from "./fast-path/scanner.ts";
import { CsvStructure } from "./csv-structure.ts";
import { unreadable } from "../lib/errors.ts";

export interface LoadFileInput {
  connection: DuckDBConnection;
  /** The reading side: the file's scan, its proofs (run-keys.ts), and the end of its turn. */
  scanner: Scanner;
  delivery: Delivery;
  file: ManifestFile;
  workDir: string;
  /** The file's scan, started early (`startScan`) so it runs while DuckDB loads the files before. */
  scan: PendingScan;
  now: () => Date;
  logger?: Logger;
}

export interface FileOutcome {
  deliveryId: string;
  fileName: string;
  entity: string;
  status: "loaded" | "rejected" | "skipped_duplicate";
  rows: number;
  loaded: number;
  skipped: number;
  quarantined: number;
  reason: string | null;
}

/** A reason to reject the whole file: none of its rows is loaded. */
class Rejection extends Error {}

/** A file's scan as the loading side sees it: its keys stay with the scanner. */
export type ScannedFile = Omit<FileScan, "keys">;

export interface PendingScan {
  /** What the scanner knows the file by. */
  id: number;
  /** The numbered copy (see numbered-copy.ts), removed once the file is done. */
  workPath: string;
  /** The scan, or null when the file is missing. */
  result: Promise<ScannedFile | null>;
}

/** What the scanner reads for a delivered file: where it is, what it holds, where its numbered copy goes. */
export function scanRequest(delivery: Pick<Delivery, "id" | "folder">, file: ManifestFile, workPath: string): ScanRequest {
  return {
    key: `${delivery.id}/${file.name}`,
    path: join(delivery.folder, file.name),
    encoding: file.encoding,
    workPath,
    entity: file.entity,
    expectedRows: file.rows,
  };
}

/** The scan of a delivered file (sha256, structure, line facts, its numbered copy at `workPath`), begun ahead if planned. */
export function startScan(scanner: Scanner, delivery: Delivery, file: ManifestFile, workPath: string): PendingScan {
  const { id, reply } = scanner.scan(scanRequest(delivery, file, workPath));
  const result = reply.then((r) => {
    if ("scan" in r) return r.scan && { ...r.scan, structure: CsvStructure.from(r.scan.structure) };
    // The delivered file unreadable (a folder, no permission) rejects the file; other failures (the work
    // folder's disk full) stop the run.
    const { message, code, path } = r.error;
    if (!code || path === workPath) throw Object.assign(new Error(message), { code, path });
    throw new Rejection(unreadable({ code }));
  });
  result.catch(() => undefined); // awaited (and its error raised) by loadFile; not unhandled meanwhile
  return { id, workPath, result };
}

export async function loadFile(input: LoadFileInput): Promise<FileOutcome & { sha256: string | null }> {
  const { connection, delivery, file } = input;
  const started = input.now();
  const [{ id: loadId }] = (await queryRows<{ id: number }>(connection, "SELECT nextval('audit.load_id_seq') AS id")) as [{ id: number }];
  const outcome = {
    deliveryId: delivery.id,
    fileName: file.name,
    entity: file.entity,
    rows: file.rows,
    loaded: 0,
    skipped: 0,
    quarantined: 0,
  };
  let scan: ScannedFile | null = null;
  const record = async (
    status: FileOutcome["status"],
    reason: string | null,
    counts = outcome,
    extra: string[] = [],
    control: string | null = null,
  ) => {
    await connection.run(
      `INSERT INTO audit.loads VALUES ($load_id, $delivery_id, $file_name, $entity, $sha256, $encoding, $rows, $loaded, $skipped, $quarantined, $status, $reason, from_json($extra, '["VARCHAR"]'), $control::DECIMAL(38,2), $at::TIMESTAMPTZ, $seconds)`,
      {
        load_id: loadId,
        delivery_id: delivery.id,
        file_name: file.name,
        entity: file.entity,
        sha256: scan?.sha256 ?? null,
        encoding: file.encoding,
        rows: counts.rows,
        loaded: counts.loaded,
        skipped: counts.skipped,
        quarantined: counts.quarantined,
        status,
        reason,
        extra: JSON.stringify(extra),
        control,
        at: input.now().toISOString(),
        seconds: (input.now().getTime() - started.getTime()) / 1000,
      },
    );
    return { ...outcome, ...counts, status, reason, sha256: scan?.sha256 ?? null };
  };
  const rejected = async (reason: string) =>
    record("rejected", `${file.name}: ${reason}`, { ...outcome, loaded: 0, skipped: 0, quarantined: 0 });

  const fixedPath = join(input.workDir, `${loadId}.fixed.csv`);
  let loaded = false;
  try {
    const clock = stopwatch();
    scan = await input.scan.result;
    input.logger?.debug(`${file.name}: ${clock("scanned")}`);
    if (scan === null) return await rejected("named in manifest.json but missing from the delivery folder");
    if (scan.sha256 !== file.sha256.toLowerCase()) return await rejected(`sha256 is ${scan.sha256}, manifest says ${file.sha256}`);
    const earlier = await queryRows<{ delivery_id: string; file_name: string }>(
      connection,
      `SELECT delivery_id, file_name FROM audit.loads WHERE sha256 = $sha AND status = 'loaded' LIMIT 1`,
      { sha: scan.sha256 },
    );
    if (earlier[0]) {
      return await record("skipped_duplicate", `same sha256 as ${earlier[0].delivery_id}/${earlier[0].file_name}, already loaded`, {
        ...outcome,
        skipped: file.rows,
      });
    }
    const entity = entityByName(file.entity)!;
    const { header, extra } = checkHeader(scan, entity, file);
    const newer = entity.kind === "snapshot" ? await newerSnapshotLoad(connection, entity, delivery.createdAt) : null;
    if (newer) {
      return await rejected(
        `${entity.name} from delivery ${newer.delivery_id} (created ${newer.created_at}) were applied already; ` +
          `snapshots apply in created_at order, so this older file would rewrite their history: ingest into a fresh warehouse to take it in`,
      );
    }
    // The audit row commits with the data, so a crash can never leave rows without their load record.
    let quarantined: number[] = [];
    const committed = await inTransaction(connection, async () => {
      const result = await loadRows(input, entity, scan!, header, loadId, fixedPath);
      quarantined = result.quarantinedLines;
      input.logger?.debug(`${file.name}: ${clock("rows done")}`);
      return record(
        "loaded",
        extra.length ? `extra columns ignored: ${extra.join(", ")}` : null,
        { ...outcome, ...result.counts },
        extra,
        result.control,
      );
    });
    input.logger?.debug(`${file.name}: ${clock("committed")}`);
    input.scanner.record(
      input.scan.id,
      entity.name,
      quarantined.map((line) => scan!.structure.rowAtLine(line)),
    );
    loaded = true;
    return committed;
  } catch (error) {
    if (error instanceof Rejection) return rejected(error.message);
    if (isInputError(error)) {
      const stray = /state machine reached an invalid state/.test(String(error))
        ? await firstStrayCarriageReturn(join(delivery.folder, file.name))
        : null;
      if (stray !== null) return rejected(`line ${stray}: a carriage return that ends no line (lines end in LF or CRLF)`);
      return rejected(`unreadable as CSV: ${(error as Error).message.split("\n")[0]}`);
    }
    throw error;
  } finally {
    if (!loaded) input.scanner.forget(input.scan.id);
    // The copies of a national-scale file are gigabytes: gone as soon as the file is done.
    for (const copy of [input.scan.workPath, fixedPath]) rmSync(copy, { force: true });
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

function checkHeader(scan: ScannedFile, entity: EntityContract, file: ManifestFile): { header: string[]; extra: string[] } {
  if (scan.nulAt !== null) throw new Rejection(`not a CSV text file (NUL byte at offset ${scan.nulAt})`);
  if (scan.readsAsUtf8)
    throw new Rejection("manifest.json says windows-1256, but the file is UTF-8 text: read so, its Arabic would come out garbled");
  const header = scan.structure.header;
  if (header === null) throw new Rejection("empty file: no header line");
  const line = scan.structure.headerLine;
  const expected = columnsOf(entity).map((c) => c.name);
  // A contract column named twice leaves its value in doubt; unknown columns are ignored, however named.
  for (const [i, name] of header.entries()) {
    if (expected.includes(name) && header.indexOf(name) !== i)
      throw new Rejection(`line ${line}, column ${i + 1}: header names "${name}" twice`);
  }
  const missing = expected.filter((c) => !header.includes(c));
  if (missing.length)
    throw new Rejection(`line ${line}: header lacks required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  if (scan.structure.rows !== file.rows) throw new Rejection(`has ${scan.structure.rows} data rows, manifest says ${file.rows}`);
  const extra = header.flatMap((h, i) => (expected.includes(h) ? [] : [h === "" ? `(unnamed, column ${i + 1})` : h]));
  return { header, extra };
}

function isInputError(error: unknown): boolean {
  const m = error instanceof Error ? error.message : "";
  return /Invalid Input Error|Conversion Error|Invalid unicode|CSV Error|sniffing/i.test(m);
}

interface LoadResult {
  counts: { rows: number; loaded: number; skipped: number; quarantined: number };
  control: string | null;
  quarantinedLines: number[];
}

async function loadRows(
  input: LoadFileInput,
  entity: EntityContract,
  scan: ScannedFile,
  header: string[],
  loadId: number,
  fixedPath: string,
): Promise<LoadResult> {
  const { connection, delivery, workDir } = input;
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
    rejectsTable: `_rej_${loadId}`,
    rejectsScan: `_rejscan_${loadId}`,
  };
  const records = structure.rows - structure.malformed.length;

  // The proofs from the keys of earlier files are worked out while DuckDB inserts.
  const proving = input.scanner.prove(input.scan.id, entity.name);
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
    await connection.run(badRowsTableSql({ ...sql, rejectsTable: `${sql.rejectsTable}_2`, rejectsScan: `${sql.rejectsScan}_2` }));
    bad = await countRows(connection, "_bad");
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

  await connection.run(CREATE_DROP);
  const refs = brokenReferencesSql(
    entity,
    loadId,
    await referenceSizes(connection, entity, inserted, proofs.referencesHold),
    proofs.referencesHold,
  );
  if (refs) await connection.run(`INSERT INTO _drop SELECT line, 'quarantine', reason, rule FROM (${refs})`);
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
  await connection.run(`DROP TABLE IF EXISTS _bad; DROP TABLE IF EXISTS _drop; DROP TABLE IF EXISTS _groups; DROP TABLE IF EXISTS _orphans;
    DROP TABLE IF EXISTS ${sql.rejectsTable}; DROP TABLE IF EXISTS ${sql.rejectsScan};
    DROP TABLE IF EXISTS ${sql.rejectsTable}_2; DROP TABLE IF EXISTS ${sql.rejectsScan}_2`);
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
