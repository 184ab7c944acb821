// The steps a job is made of, as plain functions the runner calls in order: ingest → build → publish.
// Each is replaceable (tests pass their own; issue 5 replaces publish, a no-op until it lands).
import type { RunContext } from "../lib/context.ts";
import { openWarehouse } from "../lib/duckdb.ts";
import { buildModels } from "../engine/build.ts";
import { ruleParamsFromFile } from "../engine/rule-params.ts";
import { ingestInbox } from "../ingest/index.ts";
import type { JobSpec, StepName } from "./config.ts";
import { StepFailure } from "./retry.ts";

export interface JobSettings {
  db: string;
  inbox: string;
  models: string;
  rules: string;
}

export interface StepContext {
  job: Pick<JobSpec, "name" | "select">;
  runId: string;
  settings: JobSettings;
  context: RunContext;
  /** The as-of date asked for; undefined = the latest date in the data. */
  asOf?: string;
  stopRequested: () => boolean;
}

export interface StepResult {
  status?: "success" | "cancelled";
  detail?: unknown;
  /** Files read, with their sha256, for the run's provenance. */
  inputs?: { file: string; sha256: string }[];
  asOf?: string | null;
}

export interface Step {
  name: StepName;
  run(step: StepContext): Promise<StepResult>;
}

export type Steps = Record<StepName, Step>;

export const ingestStep: Step = {
  name: "ingest",
  async run({ settings, context }) {
    const summary = await ingestInbox({ inbox: settings.inbox, db: settings.db }, context);
    const files: Record<string, number> = {};
    for (const f of summary.files) files[f.status] = (files[f.status] ?? 0) + 1;
    return { inputs: summary.inputs, detail: { deliveries: summary.deliveries.length, files } };
  },
};

export const buildStep: Step = {
  name: "build",
  async run({ job, runId, settings, context, asOf, stopRequested }) {
    const params = ruleParamsFromFile(settings.rules);
    const warehouse = await openWarehouse(settings.db);
    try {
      const summary = await buildModels(warehouse, { modelsDir: settings.models, select: job.select, asOf, params, runId, stopRequested }, context);
      const detail = {
        request: summary.request,
        models: Object.fromEntries(summary.models.map((m) => [m.model, m.status])),
        tests_failed: summary.tests.filter((t) => t.status !== "pass" && t.severity === "error").length,
        tests_warned: summary.tests.filter((t) => t.status !== "pass" && t.severity === "warn").length,
      };
      if (summary.status === "failed") throw new StepFailure(`blocking failures in ${summary.blockingFailures.join(", ")}`, detail);
      return { status: summary.status === "cancelled" ? "cancelled" : "success", detail, asOf: summary.asOf };
    } finally {
      warehouse.close();
    }
  },
};

export const publishStep: Step = {
  name: "publish",
  async run({ context }) {
    // Publishing (issue 5) is not built yet. The runner already calls it only after the build's
    // blocking tests passed, so plugging it in here is all it will take.
    context.logger.info("publish: not built yet; nothing published");
    return { detail: { published: false } };
  },
};

export function defaultSteps(): Steps {
  return { ingest: ingestStep, build: buildStep, publish: publishStep };
}
