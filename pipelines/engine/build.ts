// `tahseel build`: discover → resolve → select → plan → check (rolled back) → build side by side.
// Everything the analyst can get wrong is refused in the first four steps, before any table changes.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { RunContext } from "../lib/context.ts";
import { connectRiyadh, type Warehouse } from "../lib/duckdb.ts";
import { UserError } from "../lib/errors.ts";
import { alertAfterBuild, type AlertsSummary } from "../alerts/after-build.ts";
import type { AlertsConfig } from "../alerts/config.ts";
import { registerFindings } from "../findings/after-build.ts";
import { ensureFindingTables } from "../findings/schema.ts";
import type { FoldSummary } from "../findings/fold.ts";
import { latestDateInData } from "./as-of.ts";
import { runDag } from "./dag.ts";
import { discoverModels } from "./discover.ts";
import { sourceVersions } from "./fingerprint.ts";
import { resolveProject, type Project } from "./graph.ts";
import { materialize, type ModelOutcome } from "./materialize.ts";
import { LAYERS } from "./model.ts";
import { checkParam, PERIOD, type ParamValues } from "./params.ts";
import { planBuild, type PlannedModel } from "./plan.ts";
import { selectModels } from "./select.ts";
import { ensureAuditTables, existingObjects, readModelState, type TestResultRow } from "./state.ts";
import { checkBeforeBuild } from "./validate.ts";
import { describeScores, detectorThresholds, scoreDetectors } from "../evaluate/score.ts";

export interface BuildRequest {
  modelsDir: string;
  select?: string[];
  asOf?: string;
  params?: ParamValues;
  period?: string;
  /** Models built side by side; DuckDB already uses every core for each query, so keep it small. */
  concurrency?: number;
  runId: string;
  /** Checked between models: when true, running models finish (or roll back) and no new one starts. */
  stopRequested?: () => boolean;
  /** The alerts folder (outbox, dead letters); `alerts/` beside the warehouse when not given. */
  alertsDir?: string;
  /** Alert rules' folder, cadences and sinks (config/alerts.json); the shipped rules and the outbox when not given. */
  alerts?: AlertsConfig;
}

export interface BuildSummary {
  runId: string;
  asOf: string | null;
  status: "success" | "failed" | "cancelled";
  models: ModelOutcome[];
  tests: TestResultRow[];
  /** Models whose failure or blocking test stops what comes after them (and publishing). */
  blockingFailures: string[];
  warnings: string[];
  /** Wall-clock milliseconds of each phase: discover, plan, check, build. */
  timingsMs: Record<string, number>;
  /** What was asked, resolved (as-of filled in): enough to resume the same build. */
  request: { select: string[]; asOf: string | null; params: ParamValues; period: string | null };
  /** The findings register after this build; absent when marts.anomalies was not current. */
  findings?: FoldSummary;
  /** The alert rules evaluated after this build, and what they raised and closed. */
  alerts: AlertsSummary;
}

export async function buildModels(warehouse: Warehouse, request: BuildRequest, context: RunContext): Promise<BuildSummary> {
  const connection = warehouse.connection;
  const clock = phaseClock();
  await ensureAuditTables(connection);
  // The register's tables exist before any model reads them (core.risk_findings reads the dispositions).
  await ensureFindingTables(connection);
  const project = await resolveProject(discoverModels(request.modelsDir), connection);
  clock.lap("discover");
  for (const w of project.warnings) context.logger.warn(w);
  const selected = selectModels(project, request.select);
  const period = request.period === undefined ? undefined : checkPeriod(request.period);
  const asOf = request.asOf !== undefined ? checkParam("as_of", "date", request.asOf, "--as-of") : await latestDateInData(connection);
  const runParams: ParamValues = { ...request.params, ...(asOf ? { as_of: asOf } : {}) };

  const sources = [...new Set([...project.models.values()].flatMap((m) => m.sources))];
  const [versions, state, existing] = [
    await sourceVersions(connection, sources),
    await readModelState(connection),
    await existingObjects(connection),
  ];
  const plans = planBuild(project, { selected, state, existing, sourceVersions: versions, runParams, period });
  const toBuild = plans.filter((p) => p.action === "build");
  clock.lap("plan");
  for (const layer of LAYERS) await connection.run(`CREATE SCHEMA IF NOT EXISTS ${layer}`);
  const planOf = new Map(plans.map((p) => [p.model.id, p]));
  const columnWarnings = await checkBeforeBuild(
    connection,
    toBuild.map((p) => p.model),
    existing,
    (m) => planOf.get(m.id)!.params,
  );
  clock.lap("check");
  for (const w of columnWarnings) context.logger.warn(w);

  const outcomes = await execute(warehouse, project, toBuild, request, context);
  clock.lap("build");
  const evaluation = await scoreDetectors(connection, {
    runId: request.runId,
    now: context.now,
    thresholds: detectorThresholds(runParams),
  });
  if (evaluation) context.logger.info(`detectors scored against ${evaluation.answerKey}: ${describeScores(evaluation.scores)}`);
  for (const p of plans)
    if (p.action === "fresh") outcomes.set(p.model.id, { model: p.model.id, status: "fresh", reason: p.reason, durationMs: 0, tests: [] });
  const models = project.order.filter((id) => outcomes.has(id)).map((id) => outcomes.get(id)!);
  const blockingFailures = models.filter((m) => m.status === "failed" || m.status === "test_failed").map((m) => m.model);
  const status = models.some((m) => m.status === "cancelled") ? "cancelled" : blockingFailures.length ? "failed" : "success";
  const tests = models.flatMap((m) => m.tests);
  const tally = new Map<string, number>();
  for (const m of models) tally.set(m.status, (tally.get(m.status) ?? 0) + 1);
  const counts = [...tally].map(([s, n]) => `${n} ${s}`);
  context.logger.info(`build ${status}: ${counts.join(", ") || "nothing selected"}`, {
    run_id: request.runId,
    as_of: asOf,
    ms: clock.laps,
  });
  const findings = await registerFindings(warehouse, models, request, context);
  const alerts = await alertAfterBuild(warehouse, { runId: request.runId, asOf, models }, request, context);
  return {
    runId: request.runId,
    asOf,
    status,
    models,
    tests,
    blockingFailures,
    warnings: [...project.warnings, ...columnWarnings, ...models.flatMap((m) => m.warnings ?? [])],
    timingsMs: clock.laps,
    request: { select: request.select ?? [], asOf, params: request.params ?? {}, period: period ?? null },
    ...(findings ? { findings } : {}),
    alerts,
  };
}

function phaseClock() {
  let last = performance.now();
  const laps: Record<string, number> = {};
  return {
    laps,
    lap(name: string) {
      const now = performance.now();
      laps[name] = Math.round(now - last);
      last = now;
    },
  };
}

function checkPeriod(period: string): string {
  const result = PERIOD.safeParse(period);
  if (!result.success) throw new UserError(`--period ${period}: ${result.error.issues[0]!.message}, e.g. 2026-03`);
  return result.data;
}

async function execute(
  warehouse: Warehouse,
  project: Project,
  toBuild: PlannedModel[],
  request: BuildRequest,
  context: RunContext,
): Promise<Map<string, ModelOutcome>> {
  const outcomes = new Map<string, ModelOutcome>();
  if (toBuild.length === 0) return outcomes;
  const slots = Math.max(1, Math.min(request.concurrency ?? 2, toBuild.length));
  const connections: DuckDBConnection[] = [warehouse.connection];
  for (let i = 1; i < slots; i++) connections.push(await connectRiyadh(warehouse.instance));
  const planOf = new Map(toBuild.map((p) => [p.model.id, p]));
  try {
    const status = await runDag({
      nodes: toBuild.map((p) => p.model.id),
      needs: (id) => project.models.get(id)!.upstream,
      slots,
      stopRequested: request.stopRequested,
      work: async (id, slot) => {
        const startedMs = performance.now();
        const built = await materialize(connections[slot]!, planOf.get(id)!, {
          runId: request.runId,
          now: context.now,
        }).catch(
          (error: unknown): ModelOutcome => ({
            model: id,
            status: "failed",
            error: error instanceof Error ? error.message : String(error),
            durationMs: 0,
            tests: [],
          }),
        );
        const outcome = { ...built, startedMs };
        outcomes.set(id, outcome);
        logOutcome(outcome, context);
        return outcome.status === "built";
      },
    });
    for (const [id, s] of status) {
      if (s !== "blocked" && s !== "cancelled") continue;
      const failedUpstream = project.models.get(id)!.upstream.filter((u) => ["failed", "blocked"].includes(status.get(u) ?? ""));
      const why = s === "blocked" ? `not built: ${failedUpstream.join(", ")} failed` : "not built: the run was stopped";
      outcomes.set(id, { model: id, status: s, reason: planOf.get(id)!.reason, error: why, durationMs: 0, tests: [] });
      context.logger.warn(`${id}: ${why}`);
    }
  } finally {
    for (const c of connections.slice(1)) c.closeSync();
  }
  return outcomes;
}

function logOutcome(o: ModelOutcome, context: RunContext): void {
  const ms = Math.round(o.durationMs);
  for (const w of o.warnings ?? []) context.logger.warn(w);
  for (const t of o.tests.filter((t) => t.status !== "pass"))
    (t.severity === "error" ? context.logger.error : context.logger.warn)(
      `${o.model}: test ${t.test} ${t.status} (${t.failingRows} row(s))${t.message ? `: ${t.message}` : ""}`,
    );
  if (o.status === "built")
    context.logger.info(
      `built ${o.model} (${o.reason}; ${ms} ms${o.rows != null ? `, ${o.rows} rows` : ""}` +
        `${o.periods?.length ? `, periods ${o.periods.join(" ")}` : ""})`,
    );
  else context.logger.error(`${o.model} ${o.status}: ${o.error}`);
}
