// Alerts for failed runs. The sink is pluggable (mail, chat, pager later); the default writes one JSON
// file per alert into an outbox folder that another system can pick up, and logs a line.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../lib/context.ts";

export interface Alert {
  run_id: string;
  job: string;
  status: string;
  error: string | null;
  failed_step: string | null;
  at: string;
  git_sha: string;
}

export interface AlertSink {
  send(alert: Alert): Promise<void>;
}

export function outboxSink(dir: string, logger: Logger): AlertSink {
  return {
    async send(alert) {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${alert.run_id}.json`);
      // Written under a temporary name then renamed, so a reader never picks up half an alert.
      writeFileSync(`${file}.tmp`, `${JSON.stringify(alert, null, 2)}\n`);
      renameSync(`${file}.tmp`, file);
      logger.error(
        `ALERT job ${alert.job} ${alert.status}${alert.failed_step ? ` at step ${alert.failed_step}` : ""}: ${alert.error ?? "no message"}`,
        {
          run_id: alert.run_id,
          alert_file: file,
        },
      );
    },
  };
}
