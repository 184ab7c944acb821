// One extract file: verified against its manifest entry, then loaded in a single transaction, so a
// crash at any moment leaves the warehouse as it was before the file.
import type { DuckDBConnection } from "@duckdb/node-api";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { columnsOf, entityByName, type EntityContract } from "../contracts/index.ts";
import type { ManifestFile } from "../contracts/manifest.ts";
import type { Logger } from "../lib/context.ts";
import { inTransaction, queryRows } from "../lib/duckdb.ts";
import { stopwatch } from "../lib/stopwatch.ts";
import type { Delivery } from "./deliveries.ts";
import { firstStrayCarriageReturn } from "./fast-path/read-file.ts";
import type { Scanner } from "./fast-path/scanner.ts";
import type { PendingScan, ScannedFile } from "./file-scan.ts";
import { loadRows } from "./load-rows.ts";
import { Rejection } from "./rejection.ts";
import { newerSnapshotLoad } from "./row-fates.ts";

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
      `INSERT INTO audit.loads VALUES ($load_id, $delivery_id, $file_name, $entity, $sha256, $encoding, $rows, $loaded, $skipped,
          $quarantined, $status, $reason, from_json($extra, '["VARCHAR"]'), $control::DECIMAL(38,2), $at::TIMESTAMPTZ, $seconds)`,
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
          "snapshots apply in created_at order, so this older file would rewrite their history: " +
          "ingest into a fresh warehouse to take it in",
      );
    }
    // The audit row commits with the data, so a crash can never leave rows without their load record.
    let quarantined: number[] = [];
    const committed = await inTransaction(connection, async () => {
      const result = await loadRows({ ...input, scanId: input.scan.id, entity, scan: scan!, header, loadId, fixedPath });
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
