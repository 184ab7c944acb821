// A scheduled job that meets a warehouse held by another process (a manual build, here a real second
// process with the DuckDB file open): the real build step is retried as configured, and the run is
// recorded — in audit.runs once the warehouse is free, in the runs journal (and `tahseel status`)
// while it is not.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { statusCommand } from "../pipelines/cli/commands/status.ts";
import { openWarehouse, queryRows } from "../pipelines/lib/duckdb.ts";
import { ScheduleConfigSchema } from "../pipelines/schedule/config.ts";
import { runJob, type RunOutcome, type RunnerDeps } from "../pipelines/schedule/runner.ts";
import { runsJournalPath } from "../pipelines/schedule/runs-journal.ts";
import { startScheduler } from "../pipelines/schedule/scheduler.ts";
import type { StatusReport } from "../pipelines/schedule/status.ts";
import { buildStep } from "../pipelines/schedule/steps.ts";
import { FIXTURES, RAW_DDL } from "./engine-support.ts";
import { fakeSteps, place, until, type Place } from "./schedule-support.ts";

let p: Place;
let holder: ChildProcess | undefined;
beforeEach(() => {
  vi.useFakeTimers({
    now: new Date("2026-03-01T23:29:30Z"),
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
  });
});
afterEach(async () => {
  vi.useRealTimers();
  await release();
  p?.cleanup();
});

/** A second process that opens the warehouse (DuckDB locks the file) and keeps it open until killed. */
async function holdWarehouse(db: string): Promise<void> {
  const script = `import { DuckDBInstance } from "@duckdb/node-api";
    const instance = await DuckDBInstance.create(${JSON.stringify(db)});
    await instance.connect();
    process.stdout.write("held\\n");
    setInterval(() => {}, 1000);`;
  holder = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  holder.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
  });
  await until(() => out.includes("held"), "the second process to open the warehouse", 30_000);
}

async function release(): Promise<void> {
  if (!holder || holder.exitCode !== null || holder.signalCode !== null) return;
  const exited = new Promise((resolve) => holder!.once("exit", resolve));
  holder.kill("SIGKILL");
  await exited;
}

async function prepared(): Promise<void> {
  p = place({ steps: ["build"] });
  p.options.asOf = "2026-02-28"; // the fixture's raw tables carry no dates to take the latest from
  const w = await openWarehouse(p.options.settings.db);
  await w.connection.run(RAW_DDL);
  w.close();
  cpSync(join(FIXTURES, "models-basic"), p.options.settings.models, { recursive: true });
}

async function auditRuns(): Promise<{ run_id: string; job: string; status: string; steps: string }[]> {
  const w = await openWarehouse(p.options.settings.db);
  try {
    return await queryRows(w.connection, "SELECT run_id, job, status, CAST(steps AS VARCHAR) AS steps FROM audit.runs ORDER BY started_at");
  } finally {
    w.close();
  }
}

const status = async () =>
  (await statusCommand.run({ db: p.options.settings.db, json: true } as never, [], p.context)).result as StatusReport;

test("the scheduler retries a build that meets a held warehouse, and the run lands in audit.runs and status", async () => {
  await prepared();
  await holdWarehouse(p.options.settings.db);
  const slept: number[] = [];
  const outcomes: RunOutcome[] = [];
  const deps: Omit<RunnerDeps, "stopRequested"> = {
    context: p.context,
    steps: { ...fakeSteps([]), build: buildStep },
    // The manual build finishes during the second wait.
    sleep: async (ms) => {
      slept.push(ms);
      if (slept.length === 2) await release();
    },
  };
  const config = ScheduleConfigSchema.parse({
    lock_dir: p.options.settings.lockDir,
    jobs: [{ name: "nightly", cron: "30 2 * * *", steps: ["build"] }],
  });
  const scheduler = startScheduler(config, {
    context: p.context,
    run: async (job, stopRequested) => {
      const o = await runJob({ ...p.options, job, retry: config.retry }, { ...deps, stopRequested });
      outcomes.push(o);
      return o;
    },
  });
  await vi.advanceTimersByTimeAsync(31_000); // 02:30 Riyadh
  await until(() => outcomes.length === 1, "the nightly run to finish", 60_000);
  await scheduler.stop();

  const [outcome] = outcomes;
  expect(outcome).toMatchObject({ job: "nightly", status: "success" });
  expect(outcome!.steps).toMatchObject([{ name: "build", status: "success", attempts: 3 }]);
  expect(slept).toEqual([60_000, 120_000]); // the configured backoff: 60 s, then 60 × 2
  expect(
    p.context.logger.lines.filter((l) => /job nightly step build failed \(attempt \d of 3\)/.test(l.message)).map((l) => l.fields?.error),
  ).toEqual([expect.stringMatching(/is locked by another process/), expect.stringMatching(/is locked by another process/)]);
  // Recorded: in audit.runs (the journal folded in and emptied) and in status.
  expect(await auditRuns()).toMatchObject([{ run_id: outcome!.runId, job: "nightly", status: "success" }]);
  expect(readFileSync(runsJournalPath(p.options.settings.db), "utf8")).toBe("");
  expect((await status()).runs).toMatchObject([{ run_id: outcome!.runId, status: "success" }]);
  expect((await status()).runs[0]!.journal_only).toBeUndefined();
});

test("a run that never gets the warehouse is recorded in the journal, shown by status, and folded in later", async () => {
  await prepared();
  await holdWarehouse(p.options.settings.db);
  const slept: number[] = [];
  const steps = { ...fakeSteps([]), build: buildStep };
  const failed = await runJob(p.options, {
    context: p.context,
    steps,
    sleep: async (ms) => void slept.push(ms),
    alerts: { send: async () => {} },
  });
  expect(failed.status).toBe("failed");
  expect(failed.steps).toMatchObject([{ name: "build", status: "failed", attempts: 3 }]);
  expect(failed.error).toMatch(/is locked by another process/);
  expect(slept).toEqual([60_000, 120_000]);
  expect(existsSync(runsJournalPath(p.options.settings.db))).toBe(true);

  // status while the warehouse is still held: the journal's runs, with a note saying why only those.
  const busy = await status();
  expect(busy.notes[0]).toMatch(/is locked by another process.*the runs below are from .*warehouse\.duckdb\.runs\.jsonl/);
  expect(busy.runs).toMatchObject([{ run_id: failed.runId, job: "nightly", status: "failed", journal_only: true }]);

  // Once the warehouse is free, the next run folds the earlier one into audit.runs.
  await release();
  vi.advanceTimersByTime(3600_000); // an hour later, the next run
  const next = await runJob(p.options, { context: p.context, steps, sleep: async () => {} });
  expect(next.status).toBe("success");
  const runs = await auditRuns();
  expect(runs.map((r) => [r.run_id, r.status])).toEqual([
    [failed.runId, "failed"],
    [next.runId, "success"],
  ]);
  expect(JSON.parse(runs[0]!.steps)).toMatchObject([{ name: "build", status: "failed", attempts: 3 }]);
  expect((await status()).runs.map((r) => r.status)).toEqual(["success", "failed"]);
});
