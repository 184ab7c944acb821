// `tahseel build [--select MODEL…] [--as-of DATE] [--period YYYY-MM] [--resume]`: builds the models and runs their tests.
import { DEFAULT_DB, listOption, stringOption, type Command } from "../command.ts";
import { openWarehouse } from "../../lib/duckdb.ts";
import { UserError } from "../../lib/errors.ts";
import { loadAlertsConfig } from "../../alerts/config.ts";
import { buildModels, type BuildSummary } from "../../engine/build.ts";
import { parseParamArguments } from "../../engine/params.ts";
import { ruleParamsFromFile } from "../../engine/rule-params.ts";
import { finishRun, gitSha, lastUnfinishedBuild, newRunId, startRun } from "../../engine/runs.ts";

export const DEFAULT_MODELS = "models";

export const buildCommand: Command = {
  async run(options, positionals, context) {
    const selectors = listOption(options, "select");
    if (positionals.length && !selectors.length)
      throw new UserError(`unexpected argument ${positionals[0]}; select models with --select ${positionals[0]}`);
    const concurrency = Number(stringOption(options, "concurrency", "2"));
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8)
      throw new UserError("--concurrency must be a whole number from 1 to 8");
    const ruleValues = ruleParamsFromFile(stringOption(options, "rules"));
    const alertsFile = stringOption(options, "alerts");
    const alerts = alertsFile === undefined ? undefined : loadAlertsConfig(alertsFile);
    const warehouse = await openWarehouse(stringOption(options, "db", DEFAULT_DB));
    try {
      let request = {
        select: [...selectors, ...positionals],
        asOf: stringOption(options, "as-of"),
        params: parseParamArguments(listOption(options, "param")),
        period: stringOption(options, "period"),
      };
      if (options.resume) {
        if (request.select.length || request.asOf || request.period)
          throw new UserError("--resume repeats the failed build as it was; drop --select, --as-of and --period");
        const point = await lastUnfinishedBuild(warehouse.connection);
        context.logger.info(`resuming run ${point.runId} from ${point.unfinished.join(", ")}`);
        request = {
          select: point.unfinished,
          asOf: point.request.asOf ?? undefined,
          params: point.request.params,
          period: point.request.period ?? undefined,
        };
      }
      const runId = newRunId("build", context.now());
      const startedAt = context.now();
      await startRun(warehouse.connection, { runId, job: "build", startedAt, gitSha: gitSha() });
      let summary: BuildSummary;
      try {
        summary = await buildModels(
          warehouse,
          {
            modelsDir: stringOption(options, "models", DEFAULT_MODELS),
            ...request,
            params: { ...ruleValues, ...request.params },
            runId,
            concurrency,
            alerts,
          },
          context,
        );
      } catch (error) {
        await finishRun(warehouse.connection, {
          runId,
          finishedAt: context.now(),
          status: "failed",
          error: error instanceof Error ? error.message : String(error),
          asOf: null,
          inputs: [],
          steps: [],
        });
        throw error;
      }
      const models = Object.fromEntries(summary.models.map((m) => [m.model, m.status]));
      // Only the user's own --param values are kept for --resume; rule values are re-read then.
      const detail = { request: { ...summary.request, params: request.params }, models };
      await finishRun(warehouse.connection, {
        runId,
        finishedAt: context.now(),
        status: summary.status,
        error: summary.blockingFailures.length ? `blocking failures in ${summary.blockingFailures.join(", ")}` : null,
        asOf: summary.asOf,
        inputs: [],
        steps: [
          {
            name: "build",
            status: summary.status === "success" ? "success" : summary.status === "cancelled" ? "cancelled" : "failed",
            started_at: startedAt.toISOString(),
            finished_at: context.now().toISOString(),
            attempts: 1,
            error: null,
            detail,
          },
        ],
      });
      return { exitCode: summary.status === "success" ? 0 : 1, result: summary };
    } finally {
      warehouse.close();
    }
  },
};
