// A generated fund (30 employers × 14 months, faults and planted patterns included) and a schedule file
// of the test's own for it, then the scheduled job run once as a user runs it (`tahseel run --config`).
// The page tests start from it, each with its own seed, rules, alert sinks and steps.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateDeliveries } from "../../pipelines/generate/index.ts";
import { REPO_ROOT } from "../../pipelines/publish/index.ts";

export interface FundRun {
  /** The test's temp folder: the delivery goes to gen/, locks and alerts beside. */
  dir: string;
  db: string;
  seed: string;
  /** config/rules.json unless the test wrote its own. */
  rules?: string;
  /** An alerts config (sinks, cadences); none unless given. */
  alerts?: string;
  steps?: readonly ("ingest" | "build" | "publish")[];
}

/** Generates the fund and writes its schedule file; returns the file's path. */
export async function prepareGeneratedFund(o: FundRun): Promise<string> {
  await generateDeliveries({ out: join(o.dir, "gen"), employers: 30, months: 14, seed: o.seed, faults: true });
  const config = join(o.dir, "schedule.json");
  writeFileSync(
    config,
    JSON.stringify({
      db: o.db,
      inbox: join(o.dir, "gen", "inbox"),
      models: "models",
      rules: o.rules ?? "config/rules.json",
      lock_dir: join(o.dir, "locks"),
      alerts_dir: join(o.dir, "alerts"),
      ...(o.alerts ? { alerts: o.alerts } : {}),
      retry: { attempts: 1 },
      jobs: [{ name: "run", cron: "0 0 * * *", steps: o.steps ?? ["ingest", "build", "publish"] }],
    }),
  );
  return config;
}

/** `tahseel run --config` through tsx; `offline` runs it with no network at all (`unshare -n`). Returns its output. */
export function runScheduledJob(config: string, o: { offline?: boolean } = {}): string {
  const command = [join(REPO_ROOT, "node_modules", ".bin", "tsx"), "pipelines/cli/main.ts", "run", "--config", config, "--json"];
  const [program, ...args] = o.offline ? ["unshare", "-n", ...command] : command;
  return execFileSync(program!, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 540_000,
  });
}
