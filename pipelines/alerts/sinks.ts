// Where alerts go once raised. Every sink takes the same envelope (outbox.ts); which sinks run is
// configured in config/alerts.json. A sink never throws because a receiver is down: it keeps what it
// could not deliver (the webhook's dead letters) so no alert is lost and no run fails for it.
import { dirname, join } from "node:path";
import type { Logger } from "../lib/context.ts";
import type { AlertsConfig } from "./config.ts";
import { type AlertSink, appendToOutbox, type OutboxAlert } from "./outbox.ts";
import { type WebhookDeps, webhookSink } from "./webhook.ts";

export type { AlertSink };

/** Where alerts go when the caller names no folder: `alerts/` beside the warehouse, as config/schedule.json has it. */
export const defaultAlertsDir = (db: string) => join(dirname(db), "alerts");

export function outboxSink(dir: string, logger: Logger): AlertSink {
  return {
    name: "outbox",
    async deliver(alerts) {
      if (alerts.length === 0) return;
      const file = appendToOutbox(dir, alerts);
      for (const a of alerts) logger.warn(`ALERT ${a.severity} ${a.subject}`, { key: a.key, alert_file: file });
    },
  };
}

/** The configured sinks; a webhook's dead letters sit in the alerts folder beside the outbox. */
export function configuredSinks(config: AlertsConfig, dir: string, deps: WebhookDeps): AlertSink[] {
  return config.sinks.map((s) => (s.type === "outbox" ? outboxSink(dir, deps.logger) : webhookSink(s, dir, deps)));
}

export async function deliverToSinks(sinks: readonly AlertSink[], alerts: readonly OutboxAlert[], logger: Logger): Promise<void> {
  for (const sink of sinks) {
    await sink.deliver(alerts);
    if (alerts.length) logger.debug(`${alerts.length} alert(s) handed to sink ${sink.name}`);
  }
}
