// The fund the dashboards test publishes, as its checks read it (tests/dashboards-figures.ts,
// tests/dashboards-drill.ts): the warehouse, the served site and stamp of each audience, and Chromium.
import type { Browser } from "playwright-core";
import type { StaticSite } from "../pipelines/publish/static-server.ts";
import type { Audience, Stamp } from "../pipelines/publish/types.ts";
import { query } from "./helpers/warehouse.ts";

export interface PublishedFund {
  browser: Browser;
  /** The warehouse the sites were published from. */
  db: string;
  sites: Record<Audience, StaticSite>;
  stamps: Record<Audience, Stamp>;
}

const inArrears = new Map<string, string>();

/** The employer with the largest arrears on `asOf` (the same one each time: pages are checked on it). */
export async function anEmployerInArrears(db: string, asOf: string): Promise<string> {
  const key = `${db}|${asOf}`;
  if (!inArrears.has(key)) {
    const [row] = await query<{ id: string }>(
      db,
      `SELECT employer_id AS id FROM marts.arrears_ageing WHERE as_of = '${asOf}' ORDER BY past_due DESC, employer_id LIMIT 1`,
    );
    inArrears.set(key, row!.id);
  }
  return inArrears.get(key)!;
}
