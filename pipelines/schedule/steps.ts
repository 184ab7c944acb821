// The steps a job is made of, as plain functions the runner calls in order: ingest → build → publish.
// Each is replaceable (tests pass their own).
import type { RunContext } from "../lib/context.ts";
import { openWarehouse } from "../lib/duckdb.ts";
import { loadAlertsConfig } from "../alerts/config.ts";
import { buildModels } from "../engine/build.ts";
import { ruleParamsFromFile } from "../engine/rule-params.ts";
import { ingestInbox } from "../ingest/index.ts";
import type { JobSpec, StepName } from "./config.ts";
import { StepFailure } from "./retry.ts";
import { publishIfLedger } from "../publish/index.ts";
import { AUDIENCES } from "../publish/types.ts";
import { dirname, join } from "node:path";

export interface JobSettings {
  db: string;
  inbox: string;
  models: string;
  rules: string;
  /** The alerts outbox, for the findings register's alerts; beside the warehouse when not given. */
  alertsDir?: string;
  /** The alerts config file (config/alerts.json); read at every build, so an edit counts from the next run. */
  alerts?: string;
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
    const alerts = settings.alerts ? loadAlertsConfig(settings.alerts) : undefined;
    const warehouse = await openWarehouse(settings.db);
    try {
      const summary = await buildModels(
        warehouse,
        { modelsDir: settings.models, select: job.select, asOf, params, runId, stopRequested, alertsDir: settings.alertsDir, alerts },
        context,
      );
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
  async run({ runId, settings, context }) {
    // The site and report go beside the warehouse: data/warehouse.duckdb → data/published/.
    const out = join(dirname(settings.db), "published");
    const published = await publishIfLedger({ db: settings.db, out, audiences: AUDIENCES, modelsDir: settings.models, runId }, context);
    return {
      detail: published
        ? {
            published: true,
            out,
            audiences: published.map((p) => ({
              audience: p.audience,
              manifest: p.manifest,
              privacy_hits: p.privacy.hits,
            })),
          }
        : { published: false, reason: "no ledger built yet" },
    };
  },
};

export function defaultSteps(): Steps {
  return { ingest: ingestStep, build: buildStep, publish: publishStep };
}
