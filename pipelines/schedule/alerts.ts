// Alerts for failed runs. The sink is pluggable (mail, chat, pager later); the default appends the alert
// to the one alerts outbox (pipelines/alerts/outbox.ts: JSON lines, the envelope every alert shares) and
// logs a line. It writes no warehouse table: the warehouse may be what failed.
import type { Logger } from "../lib/context.ts";
import { appendToOutbox } from "../alerts/outbox.ts";

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
      const subject = `job ${alert.job} ${alert.status}${alert.failed_step ? ` at step ${alert.failed_step}` : ""}`;
      const file = appendToOutbox(dir, [
        {
          key: `run:${alert.run_id}`,
          occurrence: 1,
          kind: "run_failed",
          severity: "high",
          subject,
          raised_at: alert.at,
          run_id: alert.run_id,
          detail: alert,
        },
      ]);
      logger.error(`ALERT ${subject}: ${alert.error ?? "no message"}`, {
        run_id: alert.run_id,
        alert_file: file,
      });
    },
  };
}
