// Where the shards of a run execute: the first on the main thread, the others on worker threads.
// Which thread runs a shard never changes its bytes (shards share nothing but the seed).
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { RunContext } from "../lib/context.ts";
import { runShard, type ShardResult, type ShardTask } from "./shard.ts";

/**
 * Young generation of each worker: 16 MB semi-spaces. Larger ones measured slower on this 2-core machine (cache misses, GC helper threads).
 */
const YOUNG_GENERATION_MB = 48;

/**
 * Runs every shard, at most one thread per core. The main thread has every module loaded already,
 * while a worker spends seconds loading them through tsx (3 s of a 12 s run on this machine under
 * load), so the main thread takes the first shard (the largest: it also writes the staff logins)
 * and the workers start meanwhile. A single shard still gets a worker, where the heap is sized for it.
 */
export async function runShards(tasks: ShardTask[], context?: Pick<RunContext, "logger">): Promise<ShardResult[]> {
  const results: ShardResult[] = new Array(tasks.length);
  const done = (i: number) => context?.logger.info(`shard ${i + 1} of ${tasks.length} done in ${results[i]!.seconds.toFixed(1)} s`);
  const first = tasks.length > 1 ? 1 : 0;
  let nextTask = first;
  const lane = async () => {
    while (nextTask < tasks.length) {
      const i = nextTask++;
      results[i] = await inWorker(tasks[i]!);
      done(i);
    }
  };
  // A lane starts its first worker before it awaits anything, so the workers boot while shard 1 runs here.
  const lanes = Promise.all(Array.from({ length: Math.min(tasks.length - first, Math.max(1, availableParallelism() - first)) }, lane));
  // Should this thread's shard throw, its error is the one reported, not a worker's left unhandled.
  lanes.catch(() => undefined);
  if (first === 1) {
    // This thread is a lane too; between shards it lets the worker lanes see their results and go on.
    for (let i = 0; ; i = nextTask++) {
      results[i] = runShard(tasks[i]!);
      done(i);
      await new Promise((resolve) => setImmediate(resolve));
      if (nextTask >= tasks.length) break;
    }
  }
  await lanes;
  return results;
}

/** One shard on a worker thread; a shard whose worker cannot load TypeScript runs on this thread instead. */
function inWorker(task: ShardTask): Promise<ShardResult> {
  return new Promise<ShardResult>((resolve, reject) => {
    const worker = new Worker(new URL("./shard-thread.mjs", import.meta.url), {
      workerData: task,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    let settled = false;
    worker.once("message", (r: ShardResult) => {
      settled = true;
      resolve(r);
    });
    worker.once("error", (error: Error & { code?: string }) => {
      if (settled) return;
      settled = true;
      // Without a TypeScript loader in the worker (some test runners), run the shard on this thread.
      if (error.code !== "ERR_UNKNOWN_FILE_EXTENSION") return reject(error);
      try {
        resolve(runShard(task));
      } catch (inline) {
        reject(inline);
      }
    });
  });
}
