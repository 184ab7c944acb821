// Shared set-up for the alert tests: a real delivery through the real ingest, the real models (and a
// probe model whose blocking test fails while an employer is in critical arrears) built by the real
// engine as of a chosen date, and the outbox read back as the consumer reads it.
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AlertsConfig } from "../pipelines/alerts/config.ts";
import { alertsConfigSchema } from "../pipelines/alerts/config.ts";
import { OUTBOX_FILE, type OutboxAlert } from "../pipelines/alerts/outbox.ts";
import { buildModels, type BuildSummary } from "../pipelines/engine/build.ts";
import { ruleParams } from "../pipelines/engine/rule-params.ts";
import { memoryLogger } from "../pipelines/lib/context.ts";
import { openWarehouse } from "../pipelines/lib/duckdb.ts";
import { loadRules } from "../pipelines/rules/index.ts";
import { ingestWorld, type LedgerWorld } from "./fixtures/ledger/support.ts";
import { dispute, employer, invoice } from "./helpers/rows.ts";

export const A = "100000001"; // one unpaid invoice due 2025-01-15: critical and on the suspension list by 2026-02-28
export const B = "100000002"; // an objection submitted 2026-01-05, never decided: past its 30 days by 2026-02-28
export const LATE = "2026-02-28";
export const EARLY = "2025-03-31"; // A 75 days past due (low, not listed), the objection not yet made

export interface AlertWorld extends Omit<LedgerWorld, "build"> {
  alertsDir: string;
  logger: ReturnType<typeof memoryLogger>;
  build(asOf: string, alerts: AlertsConfig): Promise<BuildSummary>;
  outbox(): OutboxAlert[];
}

/** The alerts config as a file would give it: the shipped rules, invoices expected every `hours`. */
export const alertsConfig = (hours: number, sinks: unknown[] = [{ type: "outbox" }], env: Record<string, string> = {}) =>
  alertsConfigSchema(env).parse({ stale_after_hours: { invoices: hours }, sinks });

export async function alertWorld(): Promise<AlertWorld> {
  const world = await ingestWorld({
    employers: [employer(A), employer(B)],
    invoices: [
      invoice("IN-A", A, { period: "2024-12", issued_on: "2025-01-01", due_on: "2025-01-15" }),
      invoice("IN-B", B, { period: "2025-12", issued_on: "2026-01-01", due_on: "2026-01-15" }),
    ],
    disputes: [dispute("OBJ-B", B, "IN-B", { submitted_on: "2026-01-05" })],
  });
  const models = join(world.dir, "models");
  cpSync("models", models, { recursive: true });
  cpSync(join(import.meta.dirname, "fixtures", "alerts", "alert_probe.sql"), join(models, "marts", "alert_probe.sql"));
  const alertsDir = join(world.dir, "alerts");
  const logger = memoryLogger();
  let run = 0;
  // A clock that moves a second at every reading, from 2026-11-25 06:00 UTC: each build's checks are later than the last.
  let clock = Date.parse("2026-11-25T06:00:00Z");
  const now = () => {
    clock += 1000;
    return new Date(clock);
  };
  return {
    ...world,
    alertsDir,
    logger,
    async build(asOf, alerts) {
      const w = await openWarehouse(world.db);
      try {
        const request = { modelsDir: models, asOf, params: ruleParams(loadRules()), runId: `alerts-${++run}`, alerts, alertsDir };
        return await buildModels(w, request, { logger, now });
      } finally {
        w.close();
      }
    },
    outbox() {
      const file = join(alertsDir, OUTBOX_FILE);
      if (!existsSync(file)) return [];
      return readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as OutboxAlert);
    },
  };
}
