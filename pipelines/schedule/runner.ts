// One run of a job, as the scheduler and `tahseel run` do it: journal the run, take the run lock (with
// the job's retries), run the steps in order with retries, stop at the first failure (so publish only
// runs after the build's blocking tests passed), alert on failure. The run (code version, inputs'
// sha256, steps) reaches audit.runs through the runs journal (runs-journal.ts), so a run that met a
// busy warehouse or never got the lock is recorded all the same.
import type { RunContext } from "../lib/context.ts";
import { describeError } from "../lib/errors.ts";
import { gitSha as readGitSha, newRunId, type RunStatus, type StepRecord } from "../engine/runs.ts";
import { outboxSink, type Alert, type AlertSink } from "./alerts.ts";
import type { JobSpec, RetryPolicy } from "./config.ts";
import { acquireLock, LockHeldError } from "./lock.ts";
import { realSleep, StepFailure, withRetries, type Sleep } from "./retry.ts";
import { appendRun, foldJournal } from "./runs-journal.ts";
import { defaultSteps, type JobSettings, type Steps } from "./steps.ts";

export interface RunnerOptions {
  job: Pick<JobSpec, "name" | "steps" | "select" | "as_of">;
  settings: JobSettings & { lockDir: string; alertsDir: string; timezone: string };
  retry: RetryPolicy;
  /** Overrides the job's as-of rule (`tahseel run --as-of`). */
  asOf?: string;
}

export interface RunnerDeps {
  context: RunContext;
  steps?: Steps;
  sleep?: Sleep;
  alerts?: AlertSink;
  isAlive?: (pid: number) => boolean;
  gitSha?: () => string;
  stopRequested?: () => boolean;
}

export interface RunOutcome {
  runId: string;
  job: string;
  status: RunStatus | "refused";
  error: string | null;
  asOf: string | null;
  steps: StepRecord[];
  inputs: { file: string; sha256: string }[];
}

export const runLockPath = (lockDir: string) => `${lockDir}/run.lock`;

export async function runJob(options: RunnerOptions, deps: RunnerDeps): Promise<RunOutcome> {
  const { context } = deps;
  const { job, settings } = options;
  const startedAt = context.now();
  const runId = newRunId(job.name, startedAt);
  const stopRequested = deps.stopRequested ?? (() => false);
  const sha = (deps.gitSha ?? readGitSha)();
  const outcome: RunOutcome = {
    runId,
    job: job.name,
    status: "running",
    error: null,
    asOf: options.asOf ?? asOfRule(job.as_of, startedAt, settings.timezone) ?? null,
    steps: [],
    inputs: [],
  };
  // The run is journalled before anything can stop it, so even a run that never gets the lock is recorded.
  const journal = (finishedAt: Date | null) =>
    appendRun(settings.db, {
      run_id: runId,
      job: job.name,
      started_at: startedAt.toISOString(),
      finished_at: finishedAt?.toISOString() ?? null,
      status: outcome.status,
      error: outcome.error,
      git_sha: sha,
      as_of: outcome.asOf,
      inputs: outcome.inputs,
      steps: outcome.steps,
      pid: process.pid,
    });
  await journal(null);
  const lock = await runLock(options, deps, runId);
  if (!lock.value) {
    // Stopping while it waited for the lock is a cancelled run; giving up after the retries, a refused one.
    outcome.status = stopRequested() ? "cancelled" : "refused";
    outcome.error = describeError(lock.error);
    context.logger.warn(`job ${job.name} not started after ${lock.attempts} attempt(s): ${outcome.error}`, { run_id: runId });
    // Folded by the next run that gets the lock: only the lock's holder may open the warehouse.
    await journal(context.now());
  } else {
    try {
      await foldJournal(settings.db, context.logger);
      context.logger.info(`job ${job.name} started`, { run_id: runId, git_sha: sha });
      await runSteps(options, deps, outcome, stopRequested);
    } catch (error) {
      outcome.status = "failed";
      outcome.error = describeError(error);
    } finally {
      try {
        await journal(context.now());
        await foldJournal(settings.db, context.logger);
      } finally {
        lock.value.release();
      }
    }
  }
  context.logger.info(`job ${job.name} ${outcome.status}`, { run_id: runId });
  if (outcome.status === "failed" || outcome.status === "refused") await alert(deps, options, outcome, sha);
  return outcome;
}

/** The run lock, taken with the job's retries: a job due while another run (or `tahseel run`) holds it waits its turn. */
function runLock(options: RunnerOptions, deps: RunnerDeps, runId: string) {
  const { context } = deps;
  return withRetries(
    `job ${options.job.name}: the run lock`,
    async () =>
      acquireLock(runLockPath(options.settings.lockDir), {
        purpose: `job ${options.job.name} (run ${runId})`,
        now: context.now,
        logger: context.logger,
        isAlive: deps.isAlive,
      }),
    {
      policy: options.retry,
      sleep: deps.sleep ?? realSleep,
      logger: context.logger,
      stopRequested: deps.stopRequested,
      retryIf: (error) => error instanceof LockHeldError,
    },
  );
}

async function runSteps(options: RunnerOptions, deps: RunnerDeps, outcome: RunOutcome, stopRequested: () => boolean): Promise<void> {
  const { context } = deps;
  const steps = deps.steps ?? defaultSteps();
  for (const name of options.job.steps) {
    const started = context.now().toISOString();
    if (stopRequested()) {
      outcome.steps.push({
        name,
        status: "cancelled",
        started_at: started,
        finished_at: started,
        attempts: 0,
        error: "stop requested before the step",
      });
      outcome.status = "cancelled";
      continue;
    }
    if (outcome.status !== "running") {
      outcome.steps.push({
        name,
        status: "skipped",
        started_at: started,
        finished_at: started,
        attempts: 0,
        error: `not run: an earlier step ${outcome.status}`,
      });
      continue;
    }
    const attempt = await withRetries(
      `job ${outcome.job} step ${name}`,
      () =>
        steps[name].run({
          job: options.job,
          runId: outcome.runId,
          settings: options.settings,
          context,
          asOf: outcome.asOf ?? undefined,
          stopRequested,
        }),
      { policy: options.retry, sleep: deps.sleep ?? realSleep, logger: context.logger, stopRequested },
    );
    const record: StepRecord = {
      name,
      status: "success",
      started_at: started,
      finished_at: context.now().toISOString(),
      attempts: attempt.attempts,
      error: null,
    };
    if (attempt.error !== undefined) {
      record.status = "failed";
      record.error = describeError(attempt.error);
      if (attempt.error instanceof StepFailure) record.detail = attempt.error.detail;
      outcome.status = "failed";
      outcome.error = `${name}: ${record.error}`;
      context.logger.error(`job ${outcome.job} step ${name} failed after ${attempt.attempts} attempt(s): ${record.error}`);
    } else {
      const result = attempt.value!;
      record.detail = result.detail;
      outcome.inputs.push(...(result.inputs ?? []));
      if (result.asOf !== undefined) outcome.asOf = result.asOf;
      if (result.status === "cancelled") {
        record.status = "cancelled";
        outcome.status = "cancelled";
      }
    }
    outcome.steps.push(record);
  }
  if (outcome.status === "running") outcome.status = "success";
}

async function alert(deps: RunnerDeps, options: RunnerOptions, outcome: RunOutcome, sha: string): Promise<void> {
  const sink = deps.alerts ?? outboxSink(options.settings.alertsDir, deps.context.logger);
  const failedStep = outcome.steps.find((s) => s.status === "failed")?.name ?? null;
  const payload: Alert = {
    run_id: outcome.runId,
    job: outcome.job,
    status: outcome.status,
    error: outcome.error,
    failed_step: failedStep,
    at: deps.context.now().toISOString(),
    git_sha: sha,
  };
  try {
    await sink.send(payload);
  } catch (error) {
    deps.context.logger.error(`could not send the alert for run ${outcome.runId}: ${describeError(error)}`);
  }
}

/**
 * The as-of date a job's rule gives at `now`: the last day of the previous month in the job's time zone,
 * or undefined for the latest in the data.
 */
export function asOfRule(rule: JobSpec["as_of"] | undefined, now: Date, timezone: string): string | undefined {
  if (rule !== "previous_month_end") return undefined;
  const local = new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
  const [y, m] = local.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
}
