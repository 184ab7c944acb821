// `tahseel generate`: writes a seeded, deterministic inbox of deliveries (extracts.md), the answer
// key of planted anomalies beside it, and, on request, planted faults with the outcomes expected.
// A large run is split into shards that run on worker threads; the bytes depend only on the options.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
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
import { runShards } from "./shard-pool.ts";

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

export async function generateDeliveries(
  input: GenerateOptionsInput,
  context?: Pick<RunContext, "logger">,
  rules: CompiledRules = defaultRules(),
): Promise<GenerateResult> {
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
  const tasks: ShardTask[] = Array.from({ length: shards }, (_, shard) => ({
    options,
    settings: rules.settings,
    shard,
    shards,
  }));
  // Big runs go to worker threads even with one shard, where the heap is sized for the job (shard-pool.ts).
  const results =
    shards === 1 && options.employers < 20_000
      ? [runShard(tasks[0]!, (n) => context?.logger.info(`generated ${n} employers`))]
      : await runShards(tasks, context);

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
    out: options.out,
    shards,
    deliveries: deliveries.length,
    files: files.length,
    rows,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    seconds,
    rowsPerSecond: Math.round(rows / seconds),
    counts,
    planted,
    faults: faultCount,
  };
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
