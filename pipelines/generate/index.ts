// `tahseel generate`: writes a seeded, deterministic inbox of deliveries (extracts.md), the answer
// key of planted anomalies beside it, and, on request, planted faults with the outcomes expected.
// A large run is split into shards that run on worker threads; the bytes depend only on the options.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { UserError } from "../lib/errors.ts";
import type { RunContext } from "../lib/context.ts";
import { defaultRules } from "../rules/load.ts";
import type { CompiledRules } from "../rules/contribution.ts";
import { ENTITIES } from "../contracts/index.ts";
import type { Pattern } from "./anomalies.ts";
import { manifestOf, writeManifest, type WrittenDelivery } from "./deliveries.ts";
import { plantFileFaults, writeFaults } from "./faults-files.ts";
import { parseOptions, shardsOf, type GenerateOptionsInput } from "./options.ts";
import { seedNumber } from "./prng.ts";
import { runShard, type ShardResult, type ShardTask } from "./shard.ts";

export interface GenerateResult {
  out: string;
  shards: number;
  deliveries: number;
  files: number;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  counts: Record<string, number>;
  planted: Partial<Record<Pattern, number>>;
  faults: number;
}

export async function generateDeliveries(input: GenerateOptionsInput, context?: Pick<RunContext, "logger">, rules: CompiledRules = defaultRules()): Promise<GenerateResult> {
  const options = parseOptions(input);
  const started = performance.now();
  const inbox = join(options.out, "inbox");
  if (existsSync(inbox) && readdirSync(inbox).length > 0) {
    if (!options.force) throw new UserError(`${inbox} already holds deliveries: choose an empty --out or pass --force to replace them`);
    rmSync(inbox, { recursive: true, force: true });
    rmSync(join(options.out, "faults.csv"), { force: true });
  }
  mkdirSync(inbox, { recursive: true });

  const shards = shardsOf(options);
  const tasks: ShardTask[] = Array.from({ length: shards }, (_, shard) => ({ options, settings: rules.settings, shard, shards }));
  // Big runs go to worker threads even with one shard, where the heap is sized for the job (below).
  const results = shards === 1 && options.employers < 20_000 ? [runShard(tasks[0]!, (n) => context?.logger.info(`generated ${n} employers`))] : await inWorkers(tasks, context);

  const deliveries = merge(results.flatMap((r) => r.deliveries));
  for (const delivery of deliveries) writeManifest(delivery.folder, manifestOf(delivery));
  let faultCount = 0;
  if (options.faults) {
    const { extra, records } = plantFileFaults(seedNumber(options.seed), deliveries);
    deliveries.push(...extra);
    const all = [...results.flatMap((r) => r.rowFaults), ...records];
    writeFaults(options.out, all);
    faultCount = all.length;
  }
  if (shards > 1) joinAnswerKey(options.out, results);

  const counts: Record<string, number> = {};
  const planted: Partial<Record<Pattern, number>> = {};
  for (const r of results) {
    for (const [k, v] of Object.entries(r.counts)) counts[k] = (counts[k] ?? 0) + v;
    for (const [p, v] of r.planted) planted[p] = (planted[p] ?? 0) + v;
  }
  const files = deliveries.flatMap((d) => d.files);
  const rows = files.reduce((sum, f) => sum + f.rows, 0);
  const seconds = (performance.now() - started) / 1000;
  return {
    out: options.out, shards, deliveries: deliveries.length, files: files.length, rows, bytes: files.reduce((s, f) => s + f.bytes, 0), seconds,
    rowsPerSecond: Math.round(rows / seconds), counts, planted, faults: faultCount,
  };
}

/** Young generation of each worker: 16 MB semi-spaces. Larger ones measured slower on this 2-core machine (cache misses, GC helper threads). */
const YOUNG_GENERATION_MB = 48;

/** One worker per shard, at most one per core; a shard whose worker cannot start runs here instead. */
async function inWorkers(tasks: ShardTask[], context?: Pick<RunContext, "logger">): Promise<ShardResult[]> {
  const results: ShardResult[] = new Array(tasks.length);
  let nextTask = 0;
  const lane = async () => {
    while (nextTask < tasks.length) {
      const i = nextTask++;
      results[i] = await new Promise<ShardResult>((resolve, reject) => {
        const worker = new Worker(new URL("./shard-thread.mjs", import.meta.url), { workerData: tasks[i], resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
        let settled = false;
        worker.once("message", (r: ShardResult) => ((settled = true), resolve(r)));
        worker.once("error", (error: Error & { code?: string }) => {
          if (settled) return;
          settled = true;
          // Without a TypeScript loader in the worker (some test runners), run the shard on this thread.
          if (error.code !== "ERR_UNKNOWN_FILE_EXTENSION") return reject(error);
          try {
            resolve(runShard(tasks[i]!));
          } catch (inline) {
            reject(inline);
          }
        });
      });
      context?.logger.info(`shard ${i + 1} of ${tasks.length} done`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(tasks.length, availableParallelism()) }, lane));
  return results;
}

/** Shards wrote their own files into the same delivery folders: one delivery, one manifest. */
function merge(parts: WrittenDelivery[]): WrittenDelivery[] {
  const order = new Map<string, number>(ENTITIES.map((e, i) => [e.name, i]));
  const byId = new Map<string, WrittenDelivery>();
  for (const d of parts) {
    const seen = byId.get(d.id);
    if (seen) seen.files.push(...d.files);
    else byId.set(d.id, { ...d, files: [...d.files] });
  }
  const merged = [...byId.values()].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  for (const d of merged) d.files.sort((a, b) => order.get(a.entity)! - order.get(b.entity)! || (a.name < b.name ? -1 : 1));
  return merged;
}

function joinAnswerKey(out: string, results: ShardResult[]): void {
  const texts = results.map((r, i) => {
    const text = readFileSync(r.answerKey, "utf8");
    rmSync(r.answerKey);
    return i === 0 ? text : text.slice(text.indexOf("\n") + 1);
  });
  writeFileSync(join(out, "answer_key.csv"), texts.join(""));
}
