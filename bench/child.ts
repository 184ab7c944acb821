// Runs one measured task in its own process, so its peak memory is its own: prints {seconds, peakMiB, ...}.
// Usage: tsx bench/child.ts ingest|floor|floor-unordered <inbox> <db> <memoryLimit>
import { closeSync, openSync, readdirSync, readFileSync, readSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ingestInbox } from "../pipelines/ingest/index.ts";
import { silentLogger } from "../pipelines/lib/context.ts";
import { openWarehouse, sqlString } from "../pipelines/lib/duckdb.ts";
import { manifestSchema } from "../pipelines/contracts/manifest.ts";
import { columnsOf, entityByName } from "../pipelines/contracts/index.ts";
import { parseHeader } from "../pipelines/ingest/csv-structure.ts";
import { trackMemoryPeak } from "./memory-peak.ts";

function firstLine(path: string): string {
  const fd = openSync(path, "r");
  const buf = Buffer.alloc(64 * 1024);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  return buf
    .subarray(0, n)
    .toString("latin1")
    .split(/\r?\n/)[0]!
    .replace(/^\u00ef\u00bb\u00bf/, "");
}

const [task, inbox, db, memoryLimit] = process.argv.slice(2) as [string, string, string, string];
rmSync(db, { force: true });
rmSync(`${db}.wal`, { force: true });
const started = performance.now();
const memory = trackMemoryPeak();
let detail: Record<string, unknown> = {};

if (task === "ingest") {
  const summary = await ingestInbox({ inbox, db, memoryLimit }, { logger: silentLogger, now: () => new Date() });
  const rows = summary.files.reduce((s, f) => s + f.rows, 0);
  detail = {
    files: summary.files.length,
    rows,
    rejected: summary.files.filter((f) => f.status === "rejected").length,
    quarantined: summary.files.reduce((s, f) => s + f.quarantined, 0),
  };
} else if (task === "floor" || task === "floor-unordered") {
  // The floor: DuckDB's own read_csv of the same files into plain tables with the contract's column types
  // (the sniffer guesses wrong on sparse columns), nothing else: no checks, no lineage, no history.
  const w = await openWarehouse(db, { memoryLimit });
  // The reference beside the floor: the same reads without insertion order, as the ingest does its largest files.
  if (task === "floor-unordered") await w.connection.run("SET preserve_insertion_order = false");
  let n = 0;
  for (const folder of readdirSync(inbox).sort()) {
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(inbox, folder, "manifest.json"), "utf8")));
    for (const f of manifest.files) {
      // DuckDB reads no Windows-1256 without an extension; latin-1 parses the same bytes, which is what is timed.
      const encoding = f.encoding === "windows-1256" ? ", encoding = 'latin-1'" : "";
      const path = join(inbox, folder, f.name);
      const types = Object.fromEntries(columnsOf(entityByName(f.entity)!).map((c) => [c.name, c.duckdbType]));
      const header = parseHeader(firstLine(path));
      const columns = header.map((h) => `${sqlString(h)}: ${sqlString(types[h] ?? "VARCHAR")}`).join(", ");
      await w.connection.run(
        `CREATE TABLE t${n++} AS SELECT * FROM read_csv(${sqlString(path)}, header = true, auto_detect = false,
            columns = {${columns}}${encoding})`,
      );
    }
  }
  const beforeCheckpoint = performance.now();
  await w.connection.run("CHECKPOINT");
  w.close();
  detail = { files: n, checkpointSeconds: (performance.now() - beforeCheckpoint) / 1000 };
} else {
  throw new Error(`unknown task ${task}`);
}
const seconds = (performance.now() - started) / 1000;
const usage = process.resourceUsage();
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
process.stdout.write(`${JSON.stringify({ task, seconds, cpuSeconds, ...memory.stop(), ...detail })}\n`);
