// `tahseel schedule [--config FILE]`: runs the configured jobs on their cron schedules until stopped.
import { stringOption, type Command } from "../command.ts";
import { DEFAULT_SCHEDULE_FILE, loadScheduleConfig } from "../../schedule/config.ts";
import { runJob } from "../../schedule/runner.ts";
import { startScheduler, stopOnSignals } from "../../schedule/scheduler.ts";

export const scheduleCommand: Command = {
  async run(options, _positionals, context) {
    const config = loadScheduleConfig(stringOption(options, "config", DEFAULT_SCHEDULE_FILE));
    const settings = {
      db: config.db,
      inbox: config.inbox,
      models: config.models,
      rules: config.rules,
      lockDir: config.lock_dir,
      alertsDir: config.alerts_dir,
      alerts: config.alerts,
      timezone: config.timezone,
    };
    const scheduler = startScheduler(config, {
      context,
      run: (job, stopRequested) => runJob({ job, settings, retry: config.retry }, { context, stopRequested }),
    });
    const detach = stopOnSignals(scheduler, context);
    await scheduler.finished;
    detach();
    return {};
  },
};
