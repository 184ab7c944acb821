// The scheduler on a fake clock: node-cron's own timers, faked, drive real job runs.
import { EventEmitter } from "node:events";
import { existsSync } from "node:fs";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { ScheduleConfigSchema, type JobSpec, type ScheduleConfig } from "../pipelines/schedule/config.ts";
import { runJob, type RunOutcome } from "../pipelines/schedule/runner.ts";
import { schedulerLockPath, startScheduler, stopOnSignals } from "../pipelines/schedule/scheduler.ts";
import { deferred, fakeSteps, place, until, type Place, type StepLog } from "./schedule-support.ts";

let p: Place;
beforeEach(() => {
  // setImmediate and performance stay real: DuckDB's work finishes on its own threads, in real time.
  vi.useFakeTimers({
    now: new Date("2026-03-01T23:29:30Z"),
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
  });
});
afterEach(() => {
  vi.useRealTimers();
  p?.cleanup();
});

function config(jobs: Partial<JobSpec>[]): ScheduleConfig {
  return ScheduleConfigSchema.parse({
    timezone: "Asia/Riyadh",
    lock_dir: p.options.settings.lockDir,
    jobs: jobs.map((j, i) => ({ name: `job-${i}`, cron: "30 2 * * *", steps: ["ingest", "build"], ...j })),
  });
}

test("a job fires when it is due, in Riyadh time, and not before", async () => {
  p = place();
  const fired: { job: string; at: string }[] = [];
  const scheduler = startScheduler(
    config([
      { name: "nightly", cron: "30 2 * * *" },
      { name: "monthly-close", cron: "0 6 2 * *" },
    ]),
    {
      context: p.context,
      run: async (job) => {
        fired.push({ job: job.name, at: new Date().toISOString() });
        return { runId: "r", job: job.name, status: "success", error: null, asOf: null, steps: [], inputs: [] };
      },
    },
  );
  expect(scheduler.nextRuns()).toEqual([
    { job: "nightly", at: new Date("2026-03-01T23:30:00Z") },
    { job: "monthly-close", at: new Date("2026-03-02T03:00:00Z") },
  ]);
  await vi.advanceTimersByTimeAsync(29_000);
  expect(fired).toEqual([]);
  await vi.advanceTimersByTimeAsync(2_000);
  expect(fired).toEqual([{ job: "nightly", at: "2026-03-01T23:30:00.000Z" }]);
  await vi.advanceTimersByTimeAsync(4 * 3600_000);
  expect(fired.map((f) => f.job)).toEqual(["nightly", "monthly-close"]);
  await scheduler.stop();
});

test("a second scheduler is refused while the first runs", async () => {
  p = place();
  const run = async () => ({
    runId: "r",
    job: "x",
    status: "success" as const,
    error: null,
    asOf: null,
    steps: [],
    inputs: [],
  });
  const first = startScheduler(config([{}]), { context: p.context, run });
  expect(() => startScheduler(config([{}]), { context: p.context, run })).toThrow(
    /scheduler\.lock is held by pid \d+ \(this process\) .* for "tahseel schedule"/,
  );
  await first.stop();
  expect(existsSync(schedulerLockPath(p.options.settings.lockDir))).toBe(false);
});

test("a job due while another run holds the lock waits for it with its retries, never overlapping", async () => {
  p = place();
  const log: StepLog = [];
  const slowBuild = deferred();
  const steps = fakeSteps(log, {
    build: async () => {
      await slowBuild.promise;
      return {};
    },
  });
  const outcomes: RunOutcome[] = [];
  const scheduler = startScheduler(
    config([
      { name: "nightly", cron: "30 2 * * *" },
      { name: "catch-up", cron: "31 2 * * *" },
    ]),
    {
      context: p.context,
      run: async (job, stopRequested) => {
        const o = await runJob({ ...p.options, job }, { context: p.context, steps, stopRequested });
        outcomes.push(o);
        return o;
      },
    },
  );
  await vi.advanceTimersByTimeAsync(31_000); // 02:30:00 Riyadh: nightly starts
  await until(() => log.some((l) => l.name === "build"), "nightly to reach build");
  await vi.advanceTimersByTimeAsync(60_000); // 02:31:00: catch-up is due while nightly is still building
  await until(
    () => p.context.logger.lines.some((l) => /job catch-up: the run lock failed \(attempt 1 of 3\); retrying in 60 s/.test(l.message)),
    "catch-up to wait for the lock",
  );
  expect(log.map((l) => l.name)).toEqual(["ingest", "build"]);
  slowBuild.resolve();
  await until(() => outcomes.length === 1, "nightly to finish");
  expect(outcomes[0]).toMatchObject({ job: "nightly", status: "success" });
  await vi.advanceTimersByTimeAsync(60_000); // catch-up's second attempt finds the lock free
  await until(() => outcomes.length === 2, "catch-up to run");
  expect(outcomes[1]).toMatchObject({ job: "catch-up", status: "success" });
  expect(outcomes[1]!.steps.map((s) => s.attempts)).toEqual([1, 1]);
  expect(log.map((l) => l.name)).toEqual(["ingest", "build", "ingest", "build"]);
  await scheduler.stop();
});

test("SIGTERM lets the running job finish, starts nothing new, then releases the lock", async () => {
  p = place();
  const log: StepLog = [];
  const slowBuild = deferred();
  const steps = fakeSteps(log, {
    build: async () => {
      await slowBuild.promise;
      return {};
    },
  });
  const outcomes: RunOutcome[] = [];
  const signals = new EventEmitter();
  const scheduler = startScheduler(config([{ name: "every-minute", cron: "* * * * *", steps: ["ingest", "build", "publish"] }]), {
    context: p.context,
    run: async (job, stopRequested) => {
      const o = await runJob({ ...p.options, job }, { context: p.context, steps, stopRequested });
      outcomes.push(o);
      return o;
    },
  });
  const detach = stopOnSignals(scheduler, p.context, signals);
  await vi.advanceTimersByTimeAsync(31_000);
  await until(() => log.some((l) => l.name === "build"), "the run to reach build");
  signals.emit("SIGTERM");
  let stopped = false;
  void scheduler.finished.then(() => (stopped = true));
  await vi.advanceTimersByTimeAsync(120_000); // no new run starts while stopping
  expect(stopped).toBe(false);
  slowBuild.resolve();
  await until(() => stopped, "the scheduler to stop");
  detach();
  // The build in flight finished; publish, not yet begun, was not started.
  expect(outcomes).toHaveLength(1);
  expect(outcomes[0]!.status).toBe("cancelled");
  expect(outcomes[0]!.steps.map((s) => `${s.name}:${s.status}`)).toEqual(["ingest:success", "build:success", "publish:cancelled"]);
  expect(log.map((l) => l.name)).toEqual(["ingest", "build"]);
  expect(existsSync(schedulerLockPath(p.options.settings.lockDir))).toBe(false);
  expect(p.context.logger.lines.some((l) => /SIGTERM received: waiting for the running job to finish/.test(l.message))).toBe(true);
});
