// `tahseel schedule`: one node-cron task per job, in the configured time zone, until stopped. Only one
// scheduler may run (a lock file); jobs never overlap (the run lock, which `tahseel run` takes too).
// Stopping (SIGINT/SIGTERM) starts no new job and waits for the running one to finish or roll back.
import { schedule as cronSchedule, type ScheduledTask } from "node-cron";
import type { RunContext } from "../lib/context.ts";
import type { JobSpec, ScheduleConfig } from "./config.ts";
import { acquireLock, type Lock } from "./lock.ts";
import type { RunOutcome } from "./runner.ts";

export interface SchedulerDeps {
  context: RunContext;
  /** Runs one job to its end (the runner); `stopRequested` turns true once the scheduler is stopping. */
  run: (job: JobSpec, stopRequested: () => boolean) => Promise<RunOutcome>;
  isAlive?: (pid: number) => boolean;
}

export interface RunningScheduler {
  /** Next fire time of each job. */
  nextRuns(): { job: string; at: Date | null }[];
  /** Stops scheduling; resolves once the running job (if any) has finished. */
  stop(reason?: string): Promise<void>;
  /** Resolves when the scheduler has stopped. */
  finished: Promise<void>;
}

export const schedulerLockPath = (lockDir: string) => `${lockDir}/scheduler.lock`;

export function startScheduler(config: ScheduleConfig, deps: SchedulerDeps): RunningScheduler {
  const { logger } = deps.context;
  const lock: Lock = acquireLock(schedulerLockPath(config.lock_dir), {
    purpose: "tahseel schedule",
    now: deps.context.now,
    logger,
    isAlive: deps.isAlive,
  });
  let stopping = false;
  const running = new Set<Promise<unknown>>();
  const tasks: { job: JobSpec; task: ScheduledTask }[] = [];
  let resolveFinished!: () => void;
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));

  const fire = (job: JobSpec) => {
    if (stopping) return;
    logger.info(`job ${job.name} due`, { cron: job.cron, timezone: config.timezone });
    const run = deps
      .run(job, () => stopping)
      .catch((error: unknown) => logger.error(`job ${job.name} crashed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => running.delete(run));
    running.add(run);
    return run;
  };

  for (const job of config.jobs.filter((j) => j.enabled)) {
    const task = cronSchedule(job.cron, () => fire(job), { timezone: config.timezone, name: job.name });
    tasks.push({ job, task });
  }
  logger.info(`scheduler started with ${tasks.length} job(s)`, {
    jobs: tasks.map(({ job, task }) => `${job.name} (${job.cron}, next ${task.getNextRun()?.toISOString() ?? "never"})`),
  });

  let stopped: Promise<void> | undefined;
  return {
    nextRuns: () => tasks.map(({ job, task }) => ({ job: job.name, at: task.getNextRun() })),
    finished,
    stop(reason = "stop requested") {
      stopped ??= (async () => {
        stopping = true;
        for (const { task } of tasks) await task.destroy();
        if (running.size)
          logger.info(`${reason}: waiting for the running job to finish (it commits or rolls back; nothing is half-written)`);
        await Promise.allSettled([...running]);
        lock.release();
        logger.info("scheduler stopped");
        resolveFinished();
      })();
      return stopped;
    },
  };
}

/** SIGINT/SIGTERM stop the scheduler gracefully; a repeated signal only says it is still waiting. */
export function stopOnSignals(scheduler: RunningScheduler, context: RunContext, target: NodeJS.EventEmitter = process): () => void {
  let signalled = false;
  const handler = (signal: string) => {
    if (signalled) {
      context.logger.warn(`${signal} again: still waiting for the running job to finish`);
      return;
    }
    signalled = true;
    void scheduler.stop(`${signal} received`);
  };
  const onInt = () => handler("SIGINT");
  const onTerm = () => handler("SIGTERM");
  target.on("SIGINT", onInt);
  target.on("SIGTERM", onTerm);
  return () => {
    target.off("SIGINT", onInt);
    target.off("SIGTERM", onTerm);
  };
}
