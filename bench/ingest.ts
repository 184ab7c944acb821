// Ingest against its floor: the same files through `tahseel ingest` and through DuckDB's bare read_csv,
// each in its own process (for its own peak memory), measured in the same run.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export interface ChildFigures {
  task: string;
  seconds: number;
  /** CPU time of every thread of the process: what the work cost, whatever else ran on the machine. */
  cpuSeconds: number;
  peakMiB: number;
  [k: string]: unknown;
}

const ROOT = join(import.meta.dirname, "..");

export function runChild(task: "ingest" | "floor" | "floor-unordered", inbox: string, db: string, memoryLimit: string): ChildFigures {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "bench", "child.ts"), task, inbox, db, memoryLimit], {
    cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24,
  });
  if (result.status !== 0) throw new Error(`bench ${task} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as ChildFigures;
}

export interface IngestBench {
  floor: ChildFigures;
  /** The floor without insertion order: a reference, not the target's measure. */
  floorUnordered: ChildFigures;
  ingest: ChildFigures;
  ratio: number;
  memoryLimit: string;
}

export function benchIngest(inbox: string, workDir: string, memoryLimit: string): IngestBench {
  const floor = runChild("floor", inbox, join(workDir, "floor.duckdb"), memoryLimit);
  const ingest = runChild("ingest", inbox, join(workDir, "ingest.duckdb"), memoryLimit);
  const floorUnordered = runChild("floor-unordered", inbox, join(workDir, "floor-unordered.duckdb"), memoryLimit);
  return { floor, floorUnordered, ingest, ratio: ingest.seconds / floor.seconds, memoryLimit };
}
