// Ingest against its floor: the same files through `tahseel ingest` and through DuckDB's bare read_csv,
// each in its own process (for its own peak memory), measured in the same run.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export interface ChildFigures {
  task: string;
  seconds: number;
  /** CPU time of every thread of the process: what the work cost, whatever else ran on the machine. */
  cpuSeconds: number;
  /** Resident memory plus the files the task kept in memory (memory-peak.ts). */
  peakMiB: number;
  peakRssMiB: number;
  peakInMemoryFilesMiB: number;
  [k: string]: unknown;
}

const ROOT = join(import.meta.dirname, "..");

export function runChild(task: "ingest" | "floor" | "floor-unordered", inbox: string, db: string, memoryLimit: string): ChildFigures {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "bench", "child.ts"), task, inbox, db, memoryLimit], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0) throw new Error(`bench ${task} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as ChildFigures;
}

export interface IngestBench {
  /** The floor measured before and after the ingest: the machine's speed drifts by tens of percent within minutes. */
  floors: [ChildFigures, ChildFigures];
  /** The mean of the two floors' wall and CPU seconds, peak memory the larger: what the ratio is taken against. */
  floor: ChildFigures;
  /** The floor without insertion order: a reference, not the target's measure. */
  floorUnordered: ChildFigures;
  ingest: ChildFigures;
  ratio: number;
  memoryLimit: string;
}

export function benchIngest(inbox: string, workDir: string, memoryLimit: string): IngestBench {
  const floorDb = join(workDir, "floor.duckdb");
  const before = runChild("floor", inbox, floorDb, memoryLimit);
  const ingest = runChild("ingest", inbox, join(workDir, "ingest.duckdb"), memoryLimit);
  const after = runChild("floor", inbox, floorDb, memoryLimit);
  const floorUnordered = runChild("floor-unordered", inbox, join(workDir, "floor-unordered.duckdb"), memoryLimit);
  const floor: ChildFigures = {
    ...before,
    seconds: (before.seconds + after.seconds) / 2,
    cpuSeconds: (before.cpuSeconds + after.cpuSeconds) / 2,
    peakMiB: Math.max(before.peakMiB, after.peakMiB),
  };
  return { floors: [before, after], floor, floorUnordered, ingest, ratio: ingest.seconds / floor.seconds, memoryLimit };
}
