// `tahseel run`: ingest + build + publish once, exactly as a scheduled job does (same lock, retries,
// audit.runs record and alerts), with the settings of the schedule config unless overridden.
import { stringOption, type Command } from "../command.ts";
import { UserError } from "../../lib/errors.ts";
import { DEFAULT_SCHEDULE_FILE, loadScheduleConfig, ScheduleConfigSchema, STEP_NAMES } from "../../schedule/config.ts";
import { runJob } from "../../schedule/runner.ts";
import { checkWarehouseFile } from "../../lib/duckdb.ts";
import { existsSync } from "node:fs";

export const runCommand: Command = {
  async run(options, _positionals, context) {
    const configFile = stringOption(options, "config");
    // The default config is optional here (a checkout may run without scheduling); an explicit one is not.
    const config =
      configFile || existsSync(DEFAULT_SCHEDULE_FILE)
        ? loadScheduleConfig(configFile ?? DEFAULT_SCHEDULE_FILE)
        : ScheduleConfigSchema.parse({ jobs: [{ name: "run", cron: "0 0 * * *", steps: [...STEP_NAMES] }] });
    const jobName = stringOption(options, "job");
    const named = jobName ? config.jobs.find((j) => j.name === jobName) : undefined;
    if (jobName && !named)
      throw new UserError(`--job ${jobName}: no such job in the schedule config (jobs: ${config.jobs.map((j) => j.name).join(", ")})`);
    const job = named ?? { name: "run", steps: [...STEP_NAMES], as_of: "latest" as const, select: undefined };
    const db = stringOption(options, "db", config.db);
    const inbox = stringOption(options, "inbox", config.inbox);
    // Wrong paths are the user's to fix (exit 2), found before the run starts and retries them.
    checkWarehouseFile(db);
    if (job.steps.includes("ingest") && !existsSync(inbox))
      throw new UserError(
        options.inbox
          ? `inbox ${inbox} does not exist`
          : `no inbox at ${inbox}, the default one: npm start delivers the sample there; or pass --inbox DIR`,
      );
    const outcome = await runJob(
      {
        job,
        settings: {
          db,
          inbox,
          models: config.models,
          rules: config.rules,
          lockDir: config.lock_dir,
          alertsDir: config.alerts_dir,
          alerts: config.alerts,
          timezone: config.timezone,
        },
        retry: config.retry,
        asOf: stringOption(options, "as-of"),
      },
      { context },
    );
    return { exitCode: outcome.status === "success" ? 0 : outcome.status === "refused" ? 3 : 1, result: outcome };
  },
};
