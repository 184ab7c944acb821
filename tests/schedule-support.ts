// Shared set-up for the scheduler tests: a temp folder with a warehouse path, lock and alert folders,
// and steps that stand in for ingest/build/publish (the real ones are tested on their own).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryLogger, type RunContext } from "../pipelines/lib/context.ts";
import type { StepName } from "../pipelines/schedule/config.ts";
import type { RunnerOptions } from "../pipelines/schedule/runner.ts";
import type { Step, StepContext, StepResult, Steps } from "../pipelines/schedule/steps.ts";

export interface Place {
  dir: string;
  options: RunnerOptions;
  context: RunContext & { logger: ReturnType<typeof memoryLogger> };
  cleanup(): void;
}

export function place(job: Partial<RunnerOptions["job"]> = {}): Place {
  const dir = mkdtempSync(join(tmpdir(), "tahseel-schedule-"));
  const logger = memoryLogger();
  return {
    dir,
    context: { logger, now: () => new Date() },
    options: {
      job: { name: "nightly", steps: ["ingest", "build", "publish"], as_of: "latest", ...job },
      settings: {
        db: join(dir, "warehouse.duckdb"),
        inbox: join(dir, "inbox"),
        models: join(dir, "models"),
        rules: "config/rules.json",
        lockDir: join(dir, "locks"),
        alertsDir: join(dir, "alerts"),
        timezone: "Asia/Riyadh",
      },
      retry: { attempts: 3, initial_delay_seconds: 60, factor: 2, max_delay_seconds: 900 },
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export type StepLog = { name: StepName; stopRequested: boolean }[];

/** Steps that record their calls; each may be replaced by a test. */
export function fakeSteps(log: StepLog, overrides: Partial<Record<StepName, (step: StepContext) => Promise<StepResult>>> = {}): Steps {
  const make = (name: StepName, fallback: () => StepResult): Step => ({
    name,
    async run(step) {
      log.push({ name, stopRequested: step.stopRequested() });
      return overrides[name] ? overrides[name]!(step) : fallback();
    },
  });
  return {
    ingest: make("ingest", () => ({
      inputs: [{ file: "inbox/2026-03-02T0200/employers_20260302.csv", sha256: "ab".repeat(32) }],
    })),
    build: make("build", () => ({ asOf: "2026-03-01", detail: { models: { "staging.stg_employers": "built" } } })),
    publish: make("publish", () => ({ detail: { published: true } })),
  };
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Waits (in real time, with fake timers installed) until `condition` holds: DuckDB's work runs on its own threads. */
export async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}
