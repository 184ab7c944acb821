// The webhook sink: each alert is POSTed as its JSON envelope, signed with HMAC-SHA256 of the body under
// a shared secret (X-Tahseel-Signature: sha256=<hex>), so the receiver can tell it came from Tahseel and
// was not altered. A failed POST is retried with exponential backoff; an alert that still fails goes to
// the sink's dead-letter file (JSON lines) and is sent again, first, at the next delivery. The run never
// fails for it. Once one alert is dead-lettered the receiver is taken as down for this delivery: the
// rest get one attempt each, so a dead receiver does not hold the build for attempts × alerts.
import { createHmac } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../lib/context.ts";
import type { WebhookConfig } from "./config.ts";
import type { AlertSink, OutboxAlert } from "./outbox.ts";

export const SIGNATURE_HEADER = "X-Tahseel-Signature";

export interface WebhookDeps {
  logger: Logger;
  env: Readonly<Record<string, string | undefined>>;
  /** Waits between attempts; tests pass a short one through the config's delays, never a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  now: () => Date;
}

export interface DeadLetter {
  sink: string;
  alert: OutboxAlert;
  attempts: number;
  error: string;
  dead_lettered_at: string;
}

export const deadLetterFile = (dir: string, sink: string) => join(dir, `webhook-${sink}.dead-letter.jsonl`);

export const signature = (body: string, secret: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/** The delay before attempt n + 1 (n ≥ 1): initial × factor^(n−1), at most max. */
export const backoffMs = (retry: WebhookConfig["retry"], attempt: number) =>
  Math.min(retry.max_delay_ms, retry.initial_delay_ms * retry.factor ** (attempt - 1));

export function webhookSink(config: WebhookConfig, dir: string, deps: WebhookDeps): AlertSink {
  const secret = deps.env[config.secret_env];
  if (!secret) throw new Error(`webhook ${config.name}: ${config.secret_env} is not set (the config check should have refused it)`);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const file = deadLetterFile(dir, config.name);

  async function post(alert: OutboxAlert): Promise<void> {
    const body = JSON.stringify(alert);
    const response = await fetch(config.url, {
      method: "POST",
      headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature(body, secret!), "X-Tahseel-Alert-Key": alert.key },
      body,
      signal: AbortSignal.timeout(config.timeout_ms),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  }

  /** Attempts until accepted or out of attempts; returns the last error, or undefined when accepted. */
  async function send(alert: OutboxAlert, attempts: number): Promise<{ error?: string; attempts: number }> {
    let error = "";
    for (let n = 1; n <= attempts; n++) {
      try {
        await post(alert);
        return { attempts: n };
      } catch (e) {
        error = e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);
        deps.logger.warn(`webhook ${config.name}: attempt ${n} of ${attempts} for ${alert.key} failed: ${error}`);
        if (n < attempts) await sleep(backoffMs(config.retry, n));
      }
    }
    return { error, attempts };
  }

  /** The letters still waiting; the file is rewritten only after they were tried, so a crash sends one twice, never none. */
  function deadLetters(): DeadLetter[] {
    if (!existsSync(file)) return [];
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as DeadLetter);
  }

  return {
    name: `webhook ${config.name}`,
    async deliver(alerts) {
      const earlier = deadLetters();
      const keep: DeadLetter[] = [];
      let down = false;
      // Dead letters get one attempt each: they had their retries; the new alerts get theirs.
      for (const letter of earlier) {
        const r = await send(letter.alert, 1);
        if (r.error) {
          keep.push({ ...letter, attempts: letter.attempts + 1, error: r.error });
          down = true;
        } else deps.logger.info(`webhook ${config.name}: dead-lettered ${letter.alert.key} delivered`);
      }
      for (const alert of alerts) {
        const r = await send(alert, down ? 1 : config.retry.attempts);
        if (!r.error) continue;
        down = true;
        keep.push({ sink: config.name, alert, attempts: r.attempts, error: r.error, dead_lettered_at: deps.now().toISOString() });
        deps.logger.error(`webhook ${config.name}: ${alert.key} not delivered after ${r.attempts} attempt(s); kept in ${file}`);
      }
      if (!earlier.length && !keep.length) return;
      mkdirSync(dir, { recursive: true });
      // Rewritten whole: the letters still undelivered, in their order, then the new ones.
      if (!keep.length) return rmSync(file, { force: true });
      writeFileSync(`${file}.next`, keep.map((l) => `${JSON.stringify(l)}\n`).join(""));
      renameSync(`${file}.next`, file);
    },
  };
}
