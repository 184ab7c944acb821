// The alerts outbox: one JSON line per alert in <dir>/alerts.jsonl, for another system (mail, chat,
// pager) to pick up. Every kind of alert — a failed run, a new critical finding, an alert rule over the
// marts — is written here in the same envelope, so a consumer reads one file and dedupes on key + occurrence.
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

export const OUTBOX_FILE = "alerts.jsonl";

export interface OutboxAlert {
  /** Stable across runs: `run:<run_id>`, `finding:<anomaly_id>`, `arrears_critical:<employer_id>`, … */
  key: string;
  /** Which occurrence of the key this is: a condition that stops holding and comes back is a second occurrence. */
  occurrence: number;
  kind: string;
  severity: string;
  /** The message in English; `subject_ar` is the same in Arabic. */
  subject: string;
  subject_ar?: string;
  employer_id?: string;
  raised_at: string;
  run_id: string | null;
  detail: unknown;
}

/** Where alerts go (sinks.ts: the outbox, a webhook); every sink takes this envelope. */
export interface AlertSink {
  name: string;
  /** Called on every delivery, with no alerts too: a sink may have older ones to send again. */
  deliver(alerts: readonly OutboxAlert[]): Promise<void>;
}

/** Appends the alerts in one write (O_APPEND), so a reader never sees half a batch interleaved with another. */
export function appendToOutbox(dir: string, alerts: readonly OutboxAlert[]): string {
  const file = join(dir, OUTBOX_FILE);
  if (alerts.length === 0) return file;
  mkdirSync(dir, { recursive: true });
  appendFileSync(file, alerts.map((a) => `${JSON.stringify(a)}\n`).join(""));
  return file;
}
