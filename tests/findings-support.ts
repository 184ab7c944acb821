// Shared set-up for the findings register's tests: a real inbox of payments, ingested into a real
// DuckDB file, and a copy of the stand-in detector (tests/fixtures/models-findings: every payment of
// 10,000 SAR or more is a finding, critical from 50,000) built by the real engine — marts.anomalies
// is then built exactly as the detectors' will be. The CLI runs as the user runs it, in a child process.
import { spawn } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildCommand } from "../pipelines/cli/commands/build.ts";
import type { BuildSummary } from "../pipelines/engine/build.ts";
import { memoryLogger } from "../pipelines/lib/context.ts";
import { csv, writeDelivery } from "./helpers/deliveries.ts";
import { employer, payment } from "./helpers/rows.ts";
import { ingest, workspace } from "./helpers/warehouse.ts";
import { FIXTURES } from "./engine-support.ts";

const ROOT = join(import.meta.dirname, "..");
const CLI = ["--import", "tsx", join(ROOT, "pipelines", "cli", "main.ts")];

export const P1 = "big_payment|payment|P1"; // 60,000 SAR: critical
export const P2 = "big_payment|payment|P2"; // 12,000 SAR: high

export interface Place {
  dir: string;
  inbox: string;
  db: string;
  models: string;
  alerts: string;
  build(): Promise<BuildSummary>;
  /** Raises the stand-in detector's threshold (as a changed detector would), so fewer payments fire. */
  threshold(sar: number): void;
}

let clock = Date.parse("2026-11-25T06:00:00Z");
export const context = {
  logger: memoryLogger(),
  now: () => {
    clock += 1000;
    return new Date(clock);
  },
};

export async function place(): Promise<Place> {
  const ws = workspace();
  const models = join(ws.dir, "models");
  cpSync(join(FIXTURES, "models-findings"), models, { recursive: true });
  writeDelivery(ws.inbox, "d1", "2026-11-11T02:00:00+03:00", [
    {
      name: "employers_20261111.csv",
      entity: "employers",
      text: csv("employers", [employer("100000001"), employer("100000002", { sector: "F" })]),
    },
    {
      name: "payments_20261111.csv",
      entity: "payments",
      text: csv("payments", [
        payment("P1", "100000001", "60000.00"),
        payment("P2", "100000001", "12000.00", { channel: "bank_transfer" }),
        payment("P3", "100000002", "100.00"),
      ]),
    },
  ]);
  await ingest(ws.inbox, ws.db);
  const alerts = join(ws.dir, "alerts");
  const file = join(models, "marts", "anomalies.sql");
  return {
    ...ws,
    models,
    alerts,
    async build() {
      const r = await buildCommand.run({ db: ws.db, models, "as-of": "2026-11-30" }, [], context);
      return r.result as BuildSummary;
    },
    threshold(sar) {
      writeFileSync(file, readFileSync(file, "utf8").replace(/WHERE amount >= \d+/, `WHERE amount >= ${sar}`));
    },
  };
}

export function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}
