// The world of the Risk page and Alerts view tests: a generated fund (faults included) through
// `tahseel run` — ingest and build, which score the employers and raise the alerts — then a person
// acknowledges one alert and closes another with `tahseel alerts`, and `tahseel publish` builds both
// audiences (site and report, PDF included), each served on the loopback address.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../pipelines/publish/index.ts";
import { serveStatic, type StaticSite } from "../pipelines/publish/static-server.ts";
import type { Audience, Stamp } from "../pipelines/publish/types.ts";
import { tempDir } from "./helpers/deliveries.ts";
import { prepareGeneratedFund } from "./helpers/fund-run.ts";
import { query } from "./helpers/warehouse.ts";

export interface World {
  dir: string;
  db: string;
  published: string;
  sites: Record<Audience, StaticSite>;
  stamp: Stamp;
  /** The alert a person acknowledged, and the one closed. */
  acknowledged: string;
  closed: string;
}

export const tahseel = (...args: string[]) =>
  execFileSync(join(REPO_ROOT, "node_modules", ".bin", "tsx"), ["pipelines/cli/main.ts", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 540_000,
  });

export async function makeWorld(prefix: string): Promise<World> {
  const dir = tempDir(prefix);
  const db = join(dir, "warehouse.duckdb");
  const published = join(dir, "published");
  // the shipped alerts config: its cadences make the generated sources stale by the clock
  const config = await prepareGeneratedFund({ dir, db, seed: "7", alerts: "config/alerts.json", steps: ["ingest", "build"] });
  tahseel("run", "--config", config, "--json");
  const keys = await query<{ alert_key: string }>(db, "SELECT alert_key FROM audit.alerts ORDER BY raised_at, alert_key");
  const acknowledged = keys[0]!.alert_key;
  const closed = keys.at(-1)!.alert_key;
  tahseel("alerts", "ack", acknowledged, "--db", db, "--by", "noura.auditor", "--note", "called the employer");
  tahseel("alerts", "close", closed, "--db", db, "--by", "fahad.auditor");
  tahseel("publish", "--db", db, "--out", published);
  const sites = {} as Record<Audience, StaticSite>;
  for (const audience of ["management", "audit"] as const) sites[audience] = await serveStatic(join(published, audience, "site"));
  const stamp = JSON.parse(readFileSync(join(published, "audit", "manifest.json"), "utf8")).stamp as Stamp;
  return { dir, db, published, sites, stamp, acknowledged, closed };
}

export const countsBy = (db: string, from: string, ...columns: string[]) =>
  query<Record<string, string | number>>(
    db,
    `SELECT ${columns.join(", ")}, count(*)::INTEGER AS n FROM ${from} GROUP BY ALL ORDER BY ${columns.join(", ")}`,
  );
