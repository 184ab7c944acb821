// The webhook sink against real HTTP servers on 127.0.0.1 started here: one that fails twice then
// accepts (one delivery accepted, its signature verifies), one that never accepts and an address where
// nothing listens (the alert dead-lettered, the build not failed, sent again once the receiver is back);
// and the alerts config's bad input refused with the file, line and field.
import { createHmac, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { buildCommand } from "../pipelines/cli/commands/build.ts";
import { cadenceRows, loadAlertsConfig, parseAlertsConfig } from "../pipelines/alerts/config.ts";
import { deadLetterFile, SIGNATURE_HEADER } from "../pipelines/alerts/webhook.ts";
import type { BuildSummary } from "../pipelines/engine/build.ts";
import { query } from "./helpers/warehouse.ts";
import { context, P1, place, type Place } from "./findings-support.ts";

const SECRET = "s3cret-for-tests-only";
process.env.TAHSEEL_TEST_WEBHOOK_SECRET = SECRET;

interface Receiver {
  url: string;
  /** Every request: its body, whether the signature verified, and the status answered. */
  requests: { body: string; signed: boolean; status: number }[];
  /** What to answer the nth request (from 1). */
  answer: (n: number) => number;
  close(): Promise<void>;
}

async function receiver(answer: (n: number) => number): Promise<Receiver> {
  const r = { requests: [] as Receiver["requests"], answer } as Receiver;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      const expected = Buffer.from(`sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`);
      const got = Buffer.from(String(req.headers[SIGNATURE_HEADER.toLowerCase()] ?? ""));
      const status = r.answer(r.requests.length + 1);
      r.requests.push({ body, signed: got.length === expected.length && timingSafeEqual(got, expected), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/tahseel`;
  r.close = () => new Promise((resolve) => server.close(() => resolve()));
  return r;
}

const webhook = (name: string, url: string, attempts: number) => ({
  type: "webhook",
  name,
  url,
  secret_env: "TAHSEEL_TEST_WEBHOOK_SECRET",
  timeout_ms: 2000,
  retry: { attempts, initial_delay_ms: 10, factor: 2, max_delay_ms: 40 },
});

let p: Place | undefined;
const servers: Receiver[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  if (p) rmSync(p.dir, { recursive: true, force: true });
  p = undefined;
});

/** A build of the findings fixture (one new critical finding) with the alerts config written to a file. */
async function build(place: Place, sinks: unknown[]): Promise<BuildSummary> {
  const file = join(place.dir, "alerts.json");
  writeFileSync(file, JSON.stringify({ rules_dir: join(place.dir, "no-rules"), sinks }, null, 2));
  const r = await buildCommand.run({ db: place.db, models: place.models, "as-of": "2026-11-30", alerts: file }, [], context);
  return r.result as BuildSummary;
}

test("a receiver that fails twice then accepts gets the alert once, signed with the shared secret", async () => {
  p = await place();
  const hook = await receiver((n) => (n <= 2 ? 500 : 204));
  servers.push(hook);
  const summary = await build(p, [{ type: "outbox" }, webhook("ops", hook.url, 3)]);
  expect(summary.status).toBe("success");
  expect(hook.requests.map((r) => r.status)).toEqual([500, 500, 204]);
  expect(hook.requests.every((r) => r.signed)).toBe(true);
  const accepted = hook.requests.filter((r) => r.status === 204).map((r) => JSON.parse(r.body));
  expect(accepted).toHaveLength(1);
  expect(accepted[0]).toMatchObject({ key: `finding:${P1}`, occurrence: 1, kind: "finding", severity: "critical" });
  expect(existsSync(deadLetterFile(p.alerts, "ops"))).toBe(false);

  await build(p, [{ type: "outbox" }, webhook("ops", hook.url, 3)]); // unchanged data: nothing more is sent
  expect(hook.requests).toHaveLength(3);
});

test("a receiver that never accepts, or is not there, gets the alert dead-lettered, the build succeeds, and it is sent later", async () => {
  p = await place();
  const down = await receiver(() => 503);
  servers.push(down);
  const gone = await receiver(() => 204);
  const nowhere = gone.url;
  await gone.close(); // nothing listens at this address any more
  const sinks = [{ type: "outbox" }, webhook("chat", down.url, 2), webhook("pager", nowhere, 2)];
  const summary = await build(p, sinks);
  expect(summary.status).toBe("success");
  expect(down.requests.map((r) => r.status)).toEqual([503, 503]);
  for (const sink of ["chat", "pager"]) {
    const letters = readFileSync(deadLetterFile(p.alerts, sink), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(letters).toMatchObject([{ sink, attempts: 2, alert: { key: `finding:${P1}`, occurrence: 1 } }]);
  }
  expect(JSON.parse(readFileSync(deadLetterFile(p.alerts, "chat"), "utf8")).error).toBe("HTTP 503 Service Unavailable");
  // Not lost: in the outbox and the register, delivered there.
  expect(readFileSync(join(p.alerts, "alerts.jsonl"), "utf8")).toContain(`"finding:${P1}"`);
  expect(await query(p.db, "SELECT alert_key, delivered_at IS NOT NULL AS delivered FROM audit.alerts")).toEqual([
    { alert_key: `finding:${P1}`, delivered: true },
  ]);

  // The chat receiver is back: the next run (no new alert) sends the dead letter, once, and clears it.
  down.answer = () => 200;
  expect((await build(p, sinks)).status).toBe("success");
  expect(down.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  expect(JSON.parse(down.requests[2]!.body)).toMatchObject({ key: `finding:${P1}`, occurrence: 1 });
  expect(existsSync(deadLetterFile(p.alerts, "chat"))).toBe(false);
  expect(readFileSync(deadLetterFile(p.alerts, "pager"), "utf8").trim().split("\n")).toHaveLength(1);
});

test("the shipped alerts config is valid; a bad one is refused with the field and what to change", () => {
  const shipped = loadAlertsConfig("config/alerts.json", {});
  expect(shipped.sinks).toEqual([{ type: "outbox" }]);
  expect(cadenceRows(shipped)).toContainEqual({ entity: "payments", hours: 36 });
  expect(cadenceRows(shipped)).toContainEqual({ entity: "employers", hours: 192 });
  const refuse = (config: unknown, env: Record<string, string> = { SECRET_VAR: "x" }) => {
    try {
      parseAlertsConfig(JSON.stringify(config, null, 2), "config/alerts.json", env);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("accepted");
  };
  const hook = { type: "webhook", name: "ops", url: "https://chat.example.sa/hook", secret_env: "SECRET_VAR" };
  expect(refuse({ sinks: [{ type: "outbox" }, { ...hook, url: "ftp://chat.example.sa/hook" }] })).toBe(
    "config/alerts.json line 9: sinks.1.url: must be an http:// or https:// URL, e.g. https://chat.example.sa/hooks/tahseel",
  );
  expect(refuse({ sinks: [hook] }, {})).toBe(
    "config/alerts.json line 7: sinks.0.secret_env: the environment variable SECRET_VAR is not set; " +
      "set it to the webhook's shared secret before running",
  );
  expect(refuse({ stale_after_hours: { invoices: "36" } })).toBe(
    "config/alerts.json line 3: stale_after_hours.invoices: must be a number of hours, e.g. 36",
  );
  expect(refuse({ stale_after_hours: { invoice: 36 } })).toBe(
    "config/alerts.json line 3: stale_after_hours.invoice: unknown key; remove it or check its spelling",
  );
  expect(refuse({ sinks: [{ ...hook, retry: { attempts: "3" } }] })).toMatch(
    /^config\/alerts.json line \d+: sinks.0.retry.attempts: must be a number, e.g. 5$/,
  );
  expect(refuse({ sinks: [{ type: "mail" }] })).toMatch(/sinks.0.type: type must be "outbox" or "webhook"/);
});
