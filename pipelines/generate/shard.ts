// One shard of a run: a contiguous range of employers simulated in order by one thread, writing its
// own `_<n>` file of each entity (or the only file when the run has one shard). Shards share nothing
// but the seed, so the bytes do not depend on how many cores ran them.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { compileRules } from "../rules/contribution.ts";
import type { Rules } from "../rules/schema.ts";
import { staffLogins } from "./activity.ts";
import { Planter, type Pattern } from "./anomalies.ts";
import { parseMonth } from "./calendar.ts";
import { Deliveries, type WrittenDelivery } from "./deliveries.ts";
import { simulateEmployer } from "./employer.ts";
import { RowFaults, type FaultRecord } from "./faults.ts";
import { Ids } from "./ids.ts";
import type { Handoff, World } from "./model.ts";
import { ratesOf, type GenerateOptions } from "./options.ts";
import { drawEmployer } from "./population.ts";
import { seedNumber } from "./prng.ts";
import { makeWindow } from "./schedule.ts";
import { Staff } from "./staff.ts";

export interface ShardTask {
  options: GenerateOptions;
  settings: Rules;
  shard: number;
  shards: number;
}

export interface ShardResult {
  deliveries: WrittenDelivery[];
  counts: Record<string, number>;
  planted: [Pattern, number][];
  answerKey: string;
  rowFaults: FaultRecord[];
  /** Wall seconds of this shard, to see how evenly the shards split the work. */
  seconds: number;
}

export const answerKeyPart = (out: string, shard: number, shards: number) =>
  shards === 1 ? join(out, "answer_key.csv") : join(out, `.answer_key.part${shard + 1}.csv`);

export function runShard(task: ShardTask, progress?: (done: number) => void): ShardResult {
  const { options, shard, shards } = task;
  const started = performance.now();
  const seed = seedNumber(options.seed);
  const window = makeWindow(parseMonth(options.end), options.months);
  const faults = options.faults && shard === 0 ? new RowFaults(seed) : null;
  const answerKey = answerKeyPart(options.out, shard, shards);
  const world: World = {
    seed,
    window,
    rules: compileRules(task.settings),
    employerCount: options.employers,
    counts: {},
    out: new Deliveries(join(options.out, "inbox"), window, faults?.reformat.bind(faults), shards > 1 ? shard + 1 : undefined),
    planter: new Planter(answerKey, ratesOf(options), shard),
    staff: new Staff(seed, options.employers),
    ids: new Ids(seed, shard, shards),
  };
  if (shard === 0) staffLogins(world);
  const from = Math.floor((shard * options.employers) / shards);
  const to = Math.floor(((shard + 1) * options.employers) / shards);
  let current = drawEmployer(world, from);
  let handoff: Handoff = {};
  for (let i = from; i < to; i++) {
    const next = i + 1 < to ? drawEmployer(world, i + 1) : null;
    handoff = simulateEmployer(world, current, next, handoff);
    if (next) current = next;
    if (progress && (i + 1 - from) % 10_000 === 0) progress(i + 1 - from);
  }
  const rowFaults = faults ? faults.plant(world) : [];
  const deliveries = world.out.close();
  world.planter.close();
  return {
    deliveries,
    counts: world.counts,
    planted: [...world.planter.planted],
    answerKey,
    rowFaults,
    seconds: (performance.now() - started) / 1000,
  };
}
