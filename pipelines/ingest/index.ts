// Ingest: every new delivery in an inbox, verified, validated and loaded file by file.
import { readdirSync, rmSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { RunContext } from "../lib/context.ts";
import { openWarehouse, queryRows, type WarehouseOptions } from "../lib/duckdb.ts";
import { UserError } from "../lib/errors.ts";
import { ENTITIES } from "../contracts/index.ts";
import { compareFileNames, type ManifestFile } from "../contracts/manifest.ts";
import { ensureWarehouseSchema, rawRowCount } from "./warehouse-schema.ts";
import { makeWorkDir } from "./work-dir.ts";
import { stopwatch } from "../lib/stopwatch.ts";
import { appliedDelivery, listDeliveries, type DeliveryFolder } from "./deliveries.ts";
import { scanRequest, startScan } from "./file-scan.ts";
import { loadFile, type FileOutcome } from "./load-file.ts";
import { Scanner, type ScanRequest } from "./fast-path/scanner.ts";
import type { DuckDBConnection } from "@duckdb/node-api";

export interface IngestOptions extends WarehouseOptions {
  inbox: string;
  db: string;
  /** Memory for the codes of the keys loaded in this run (run-keys.ts), in MiB; 0 turns the proofs off. */
  keyMemoryMiB?: number;
  /** Where files are read (scanner.ts): by default on a worker thread for a large run. */
  scanThread?: "auto" | "worker" | "main";
  /** Where the working copies of delivered files go (work-dir.ts): by default in memory when there is room. */
  workDir?: string;
}

/** Enough for the keys of a national registry and a month (about 60 million, 12-13 bytes each). */
const KEY_MEMORY_MIB = 1024;

export interface IngestSummary {
  deliveries: { deliveryId: string; status: "applied" | "already_applied" | "rejected"; reason: string | null }[];
  files: FileOutcome[];
  /** sha256 of every input file this run read, for run provenance. */
  inputs: { file: string; sha256: string }[];
}

const APPLY_ORDER = ENTITIES.map((e) => e.name as string);
const byApplyOrder = (a: ManifestFile, b: ManifestFile) =>
  APPLY_ORDER.indexOf(a.entity) - APPLY_ORDER.indexOf(b.entity) || compareFileNames(a.name, b.name);

export async function ingestInbox(options: IngestOptions, context: RunContext): Promise<IngestSummary> {
  const { logger } = context;
  const inbox = resolve(options.inbox);
  let deliveries: DeliveryFolder[];
  try {
    deliveries = listDeliveries(inbox);
  } catch (cause) {
    throw new UserError(`cannot read inbox ${options.inbox}`, { cause });
  }
  const warehouse = await openWarehouse(options.db, options);
  const workDir = makeWorkDir(options.db, options.workDir);
  const summary: IngestSummary = { deliveries: [], files: [], inputs: [] };
  let scanner: Scanner | null = null;
  try {
    const { connection } = warehouse;
    await ensureWarehouseSchema(connection);
    // Every commit is durable in the WAL either way. A checkpoint, though, rewrites the partly filled
    // last row group of every table that grew, so checkpointing every 16 MB (the default) while small
    // daily files append to large tables cost three times what one checkpoint per gigabyte does.
    await connection.run("SET checkpoint_threshold = '1GB'");
    scanner = new Scanner({
      emptyTables: await emptyTables(connection),
      keyBudgetBytes: (options.keyMemoryMiB ?? KEY_MEMORY_MIB) * 2 ** 20,
      thread: options.scanThread,
    });
    scanner.plan(await expectedFiles(connection, deliveries, workDir));
    for (const delivery of deliveries) {
      const id = delivery.ok ? delivery.manifest.delivery_id : delivery.name;
      const seen = await queryRows<{ status: string; folder: string }>(
        connection,
        "SELECT status, folder FROM audit.deliveries WHERE delivery_id = $id",
        { id },
      );
      if (seen[0]?.status === "applied" && basename(seen[0].folder) !== delivery.name) {
        // Another folder under an id applied already (the inbox itself may have moved since: names compared)
        // would otherwise be passed over unseen.
        const reason =
          `${delivery.name}: its manifest's delivery_id ${id} was applied already from ${seen[0].folder}; ` +
          "give this delivery its own id";
        logger.warn(`delivery rejected: ${reason}`);
        summary.deliveries.push({ deliveryId: id, status: "rejected", reason });
        continue;
      }
      // A delivery rejected for its folder or manifest is looked at again: a manifest written after the
      // folder's files, or mended, lets it apply. One that still fails stays recorded once.
      if (seen[0] && (seen[0].status !== "rejected" || !delivery.ok)) {
        summary.deliveries.push({
          deliveryId: id,
          status: seen[0].status === "rejected" ? "rejected" : "already_applied",
          reason: null,
        });
        continue;
      }
      if (!delivery.ok) {
        logger.warn(`delivery rejected: ${delivery.reason}`);
        await recordDelivery(
          connection,
          {
            id,
            folder: delivery.folder,
            createdAt: null,
            source: null,
            status: "rejected",
            reason: delivery.reason,
            files: 0,
          },
          context,
        );
        summary.deliveries.push({ deliveryId: id, status: "rejected", reason: delivery.reason });
        continue;
      }
      const { manifest } = delivery;
      const listed = new Set(manifest.files.map((f) => f.name));
      const unlisted = readdirSync(delivery.folder).filter((n) => n !== "manifest.json" && !listed.has(n));
      if (unlisted.length) logger.warn(`${delivery.name}: files not in manifest.json, ignored: ${unlisted.join(", ")}`);
      const info = appliedDelivery(delivery);
      for (const file of await filesToLoad(connection, id, manifest.files)) {
        const scan = startScan(scanner, info, file, numberedPath(workDir, id, file.name));
        const outcome = await loadFile({
          connection,
          scanner,
          delivery: info,
          file,
          workDir,
          scan,
          now: context.now,
          logger,
        });
        if (outcome.sha256) summary.inputs.push({ file: join(delivery.folder, file.name), sha256: outcome.sha256 });
        const { sha256: _sha, ...fileOutcome } = outcome;
        summary.files.push(fileOutcome);
        const counts = `${outcome.loaded} loaded, ${outcome.skipped} skipped, ${outcome.quarantined} quarantined of ${outcome.rows}`;
        const line = `${id}/${file.name}: ${outcome.status}, ${counts}`;
        if (outcome.status === "rejected") logger.warn(`${line}: ${outcome.reason}`);
        else logger.info(line + (outcome.reason ? ` (${outcome.reason})` : ""));
      }
      await recordDelivery(
        connection,
        {
          id,
          folder: delivery.folder,
          createdAt: info.createdAt,
          source: manifest.source,
          status: "applied",
          reason: null,
          files: manifest.files.length,
        },
        context,
      );
      summary.deliveries.push({ deliveryId: id, status: "applied", reason: null });
    }
    const clock = stopwatch();
    await connection.run("CHECKPOINT");
    logger.debug(clock("final checkpoint"));
  } finally {
    await scanner?.close();
    warehouse.close();
    rmSync(workDir, { recursive: true, force: true });
  }
  return summary;
}

/**
 * The files of a delivery still to load, in the order they apply: not those an earlier, interrupted run finished (each committed with its
 * audit row).
 */
async function filesToLoad(connection: DuckDBConnection, deliveryId: string, files: ManifestFile[]): Promise<ManifestFile[]> {
  const done = new Set(
    (
      await queryRows<{ file_name: string }>(connection, "SELECT file_name FROM audit.loads WHERE delivery_id = $id", {
        id: deliveryId,
      })
    ).map((r) => r.file_name),
  );
  return [...files].sort(byApplyOrder).filter((f) => !done.has(f.name));
}

const numberedPath = (workDir: string, deliveryId: string, fileName: string) =>
  join(workDir, `${`${deliveryId}-${fileName}`.replace(/[^\w.-]/g, "_")}.numbered.csv`);

/**
 * The files this run expects to load, in order, for the scanner to read ahead: those of every delivery not
 * applied yet, as the warehouse stands when the run begins. The loop decides for good; a file it passes
 * over is let go, one it takes out of this order is read then.
 */
async function expectedFiles(connection: DuckDBConnection, deliveries: DeliveryFolder[], workDir: string): Promise<ScanRequest[]> {
  const requests: ScanRequest[] = [];
  const ids = new Set<string>();
  for (const d of deliveries) {
    if (!d.ok || ids.has(d.manifest.delivery_id)) continue;
    const id = d.manifest.delivery_id;
    ids.add(id);
    const seen = await queryRows<{ status: string }>(connection, "SELECT status FROM audit.deliveries WHERE delivery_id = $id", { id });
    if (seen[0] && seen[0].status !== "rejected") continue;
    for (const file of await filesToLoad(connection, id, d.manifest.files))
      requests.push(scanRequest({ id, folder: d.folder }, file, numberedPath(workDir, id, file.name)));
  }
  return requests;
}

/** The entities whose raw table holds no row yet. */
async function emptyTables(connection: DuckDBConnection): Promise<string[]> {
  const empty: string[] = [];
  for (const entity of ENTITIES) if ((await rawRowCount(connection, entity.name)) === 0) empty.push(entity.name);
  return empty;
}

async function recordDelivery(
  connection: DuckDBConnection,
  d: {
    id: string;
    folder: string;
    createdAt: string | null;
    source: string | null;
    status: string;
    reason: string | null;
    files: number;
  },
  context: RunContext,
): Promise<void> {
  await connection.run(
    `INSERT OR REPLACE INTO audit.deliveries VALUES ($id, $folder, $created::TIMESTAMPTZ, $source, $status, $reason, $files,
        $at::TIMESTAMPTZ)`,
    {
      id: d.id,
      folder: d.folder,
      created: d.createdAt,
      source: d.source,
      status: d.status,
      reason: d.reason,
      files: d.files,
      at: context.now().toISOString(),
    },
  );
}
