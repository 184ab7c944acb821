// The runner (lock, audit.runs, retries, alerts, publish only after a passing build) and its config.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { openWarehouse, queryRows } from "../pipelines/lib/duckdb.ts";
import { UserError } from "../pipelines/lib/errors.ts";
import { statusCommand } from "../pipelines/cli/commands/status.ts";
import type { StatusReport } from "../pipelines/schedule/status.ts";
import { loadScheduleConfig, parseScheduleConfig } from "../pipelines/schedule/config.ts";
import { acquireLock } from "../pipelines/schedule/lock.ts";
import { StepFailure } from "../pipelines/schedule/retry.ts";
import { asOfRule, runJob, runLockPath } from "../pipelines/schedule/runner.ts";
import { fakeSteps, place, type Place, type StepLog } from "./schedule-support.ts";

let p: Place;
afterEach(() => p?.cleanup());

async function runsTable(db: string) {
  const w = await openWarehouse(db);
  try {
    return await queryRows<{
      run_id: string;
      job: string;
      status: string;
      error: string | null;
      git_sha: string;
      inputs: string;
      steps: string;
      as_of: string | null;
    }>(
      w.connection,
      `SELECT run_id, job, status, error, git_sha, CAST(inputs AS VARCHAR) AS inputs, CAST(steps AS VARCHAR) AS steps, as_of FROM audit.runs
          ORDER BY started_at`,
    );
  } finally {
    w.close();
  }
}

describe("a run of a job", () => {
  test("runs ingest, build, publish in order and records the run with code version and input hashes", async () => {
    p = place();
    const log: StepLog = [];
    const outcome = await runJob(p.options, { context: p.context, steps: fakeSteps(log), gitSha: () => "c0ffee" });
    expect(outcome.status).toBe("success");
    expect(log.map((l) => l.name)).toEqual(["ingest", "build", "publish"]);
    const [run] = await runsTable(p.options.settings.db);
    expect(run).toMatchObject({
      run_id: outcome.runId,
      job: "nightly",
      status: "success",
      error: null,
      git_sha: "c0ffee",
      as_of: "2026-03-01",
    });
    expect(JSON.parse(run!.inputs)).toEqual([{ file: "inbox/2026-03-02T0200/employers_20260302.csv", sha256: "ab".repeat(32) }]);
    expect(JSON.parse(run!.steps).map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual([
      "ingest:success",
      "build:success",
      "publish:success",
    ]);
    expect(existsSync(runLockPath(p.options.settings.lockDir))).toBe(false);
  });

  test("a failed build skips publish, fails the run and raises an alert file and a log line", async () => {
    p = place();
    const log: StepLog = [];
    const steps = fakeSteps(log, {
      build: async () => Promise.reject(new StepFailure("blocking failures in core.ledger", { models: { "core.ledger": "test_failed" } })),
    });
    const outcome = await runJob(p.options, {
      context: p.context,
      steps,
      gitSha: () => "c0ffee",
      sleep: async () => {},
    });
    expect(outcome.status).toBe("failed");
    expect(log.map((l) => l.name)).toEqual(["ingest", "build"]); // a failing test is not retried, publish never runs
    expect(outcome.steps.map((s) => `${s.name}:${s.status}`)).toEqual(["ingest:success", "build:failed", "publish:skipped"]);
    expect(readdirSync(p.options.settings.alertsDir)).toEqual(["alerts.jsonl"]);
    const lines = readFileSync(join(p.options.settings.alertsDir, "alerts.jsonl"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(1);
    const envelope = JSON.parse(lines[0]!);
    expect(envelope).toMatchObject({ key: `run:${outcome.runId}`, occurrence: 1, kind: "run_failed", run_id: outcome.runId });
    const alert = envelope.detail;
    expect(alert).toMatchObject({
      run_id: outcome.runId,
      job: "nightly",
      status: "failed",
      failed_step: "build",
      git_sha: "c0ffee",
    });
    expect(alert.error).toMatch(/blocking failures in core\.ledger/);
    expect(p.context.logger.lines.some((l) => l.level === "error" && /ALERT job nightly failed at step build/.test(l.message))).toBe(true);
    const [run] = await runsTable(p.options.settings.db);
    expect(run).toMatchObject({ status: "failed", error: "build: blocking failures in core.ledger" });
  });

  test("a passing failure is retried with exponential backoff", async () => {
    p = place({ steps: ["ingest"] });
    const slept: number[] = [];
    let calls = 0;
    const steps = fakeSteps([], {
      ingest: async () => {
        if (++calls < 3) throw new Error("disk busy");
        return {};
      },
    });
    const outcome = await runJob(p.options, { context: p.context, steps, sleep: async (ms) => void slept.push(ms) });
    expect(outcome.status).toBe("success");
    expect(outcome.steps[0]!.attempts).toBe(3);
    expect(slept).toEqual([60_000, 120_000]);
  });

  test("retries stop at the configured attempts; a user's mistake is not retried", async () => {
    p = place({ steps: ["ingest"] });
    const slept: number[] = [];
    const always = fakeSteps([], { ingest: async () => Promise.reject(new Error("disk busy")) });
    const gaveUp = await runJob(p.options, {
      context: p.context,
      steps: always,
      sleep: async (ms) => void slept.push(ms),
      alerts: { send: async () => {} },
    });
    expect(gaveUp.steps[0]).toMatchObject({ status: "failed", attempts: 3 });
    const mistake = fakeSteps([], { ingest: async () => Promise.reject(new UserError("bad model header")) });
    const once = await runJob(p.options, {
      context: p.context,
      steps: mistake,
      sleep: async (ms) => void slept.push(ms),
      alerts: { send: async () => {} },
    });
    expect(once.steps[0]).toMatchObject({ status: "failed", attempts: 1 });
    expect(slept).toEqual([60_000, 120_000]);
  });

  test("a held run lock is retried as configured; a run that never got it is refused, recorded and alerted", async () => {
    p = place();
    mkdirSync(p.options.settings.lockDir, { recursive: true });
    writeFileSync(
      runLockPath(p.options.settings.lockDir),
      JSON.stringify({
        pid: 4242,
        started_at: "2026-03-02T02:30:00.000Z",
        purpose: "job nightly",
        host: (await import("node:os")).hostname(),
      }),
    );
    const log: StepLog = [];
    const slept: number[] = [];
    const outcome = await runJob(p.options, {
      context: p.context,
      steps: fakeSteps(log),
      isAlive: (pid) => pid === 4242,
      sleep: async (ms) => void slept.push(ms),
    });
    expect(outcome.status).toBe("refused");
    expect(slept).toEqual([60_000, 120_000]);
    expect(outcome.error).toMatch(
      /run\.lock is held by pid 4242 .* for "job nightly" since 2026-03-02T02:30:00\.000Z; wait for it to finish/,
    );
    expect(log).toEqual([]);
    const alerted = readFileSync(join(p.options.settings.alertsDir, "alerts.jsonl"), "utf8").trim().split("\n");
    expect(alerted.map((l) => JSON.parse(l).key)).toEqual([`run:${outcome.runId}`]);
    // Never in the warehouse, yet recorded: the journal holds it and status shows it.
    const { result } = await statusCommand.run({ db: p.options.settings.db, json: true } as never, [], p.context);
    expect((result as StatusReport).runs).toMatchObject([{ run_id: outcome.runId, status: "refused", journal_only: true }]);
    // The next run that gets the lock folds it into audit.runs.
    writeFileSync(runLockPath(p.options.settings.lockDir), "");
    const next = await runJob(p.options, { context: p.context, steps: fakeSteps([]), isAlive: () => false });
    expect(next.status).toBe("success");
    expect((await runsTable(p.options.settings.db)).map((r) => [r.run_id, r.status])).toEqual([
      [outcome.runId, "refused"],
      [next.runId, "success"],
    ]);
  });

  test("a stale lock left by a dead process is recovered", async () => {
    p = place();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    mkdirSync(p.options.settings.lockDir, { recursive: true });
    writeFileSync(
      runLockPath(p.options.settings.lockDir),
      JSON.stringify({
        pid: dead,
        started_at: "2026-03-01T02:30:00.000Z",
        purpose: "job nightly",
        host: (await import("node:os")).hostname(),
      }),
    );
    const outcome = await runJob(p.options, { context: p.context, steps: fakeSteps([]) });
    expect(outcome.status).toBe("success");
    expect(
      p.context.logger.lines.some(
        (l) => l.level === "warn" && l.message.includes(`pid ${dead}`) && l.message.includes("no longer running"),
      ),
    ).toBe(true);
  });

  test("the monthly close is as of the end of the previous month, Riyadh time", () => {
    expect(asOfRule("previous_month_end", new Date("2026-03-02T03:00:00Z"), "Asia/Riyadh")).toBe("2026-02-28");
    // 22:30 UTC on 31 March is already 1 April in Riyadh.
    expect(asOfRule("previous_month_end", new Date("2026-03-31T22:30:00Z"), "Asia/Riyadh")).toBe("2026-03-31");
    expect(asOfRule("latest", new Date(), "Asia/Riyadh")).toBeUndefined();
  });
});

describe("the lock", () => {
  test("a second holder is refused with who holds it; release frees it", () => {
    p = place();
    const path = join(p.dir, "x.lock");
    const options = { purpose: "test", now: () => new Date("2026-03-02T00:00:00Z"), logger: p.context.logger };
    const first = acquireLock(path, options);
    expect(() => acquireLock(path, options)).toThrow(/held by pid \d+ \(this process\)/);
    first.release();
    acquireLock(path, options).release();
  });
});

describe("schedule config", () => {
  test("the default config is valid: nightly ingest+build, monthly close and report on the 2nd, Riyadh time", () => {
    const config = loadScheduleConfig("config/schedule.json");
    expect(config.timezone).toBe("Asia/Riyadh");
    expect(config.jobs.map((j) => [j.name, j.cron, j.steps.join("+")])).toEqual([
      ["nightly", "30 2 * * *", "ingest+build"],
      ["monthly-close", "0 6 2 * *", "ingest+build+publish"],
    ]);
  });

  const base = (job: string, extra = "") => `{\n  "timezone": "Asia/Riyadh",${extra}\n  "jobs": [\n    ${job}\n  ]\n}`;

  test("a bad cron expression is refused with the file, line and field", () => {
    expect(() => parseScheduleConfig(base(`{"name": "nightly", "cron": "30 25 * * *", "steps": ["build"]}`), "cfg.json")).toThrow(
      /cfg\.json line 4: jobs\.0\.cron: "30 25 \* \* \*" is not a cron expression: 25 is a invalid expression for hour/,
    );
  });

  test("a wrong type is refused with the file, line and field", () => {
    const text = base(`{"name": "nightly", "cron": "30 2 * * *", "steps": ["build"]}`, `\n  "retry": {\n    "attempts": "three"\n  },`);
    expect(() => parseScheduleConfig(text, "cfg.json")).toThrow(
      /cfg\.json line 4: retry\.attempts: Invalid input: expected number, received string/,
    );
    expect(() => parseScheduleConfig(base(`{"name": "nightly", "cron": "30 2 * * *", "steps": ["buld"]}`), "cfg.json")).toThrow(
      /cfg\.json line 4: jobs\.0\.steps\.0: must be one of ingest, build, publish/,
    );
    const zone = base(`{"name": "nightly", "cron": "30 2 * * *", "steps": ["build"]}`).replace('"Asia/Riyadh"', '"Riyadh"');
    expect(() => parseScheduleConfig(zone, "cfg.json")).toThrow(
      /cfg\.json line 2: timezone: not a time zone; use an IANA name such as Asia\/Riyadh/,
    );
  });

  test("broken JSON is refused with its line", () => {
    expect(() => parseScheduleConfig(`{\n  "jobs": [\n    {"name": "a" "cron": "1 2 * * *"}\n  ]\n}`, "cfg.json")).toThrow(
      /cfg\.json line 3: not valid JSON/,
    );
  });
});
