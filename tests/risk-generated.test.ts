// The risk score over a whole generated build (the bundled 50-employer sample, through the real ingest and
// engine): the drivers in the JSON add up to the score on every row, every row's JSON names the ten drivers
// with points within their caps, and the score separates the employers in serious arrears three months later.
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { RISK_DRIVERS } from "../pipelines/rules/risk.ts";
import { worldAt, type LedgerWorld } from "./fixtures/ledger/support.ts";
import { tempDir } from "./helpers/deliveries.ts";
import { ingest } from "./helpers/warehouse.ts";

let w: LedgerWorld;
beforeAll(async () => {
  const dir = tempDir("tahseel-risk-sample-");
  const db = join(dir, "warehouse.duckdb");
  await ingest(join("data", "sample", "inbox"), db);
  w = worldAt(dir, db);
  await w.build("2026-11-22");
}, 300_000);
afterAll(() => w?.close());

test("on every row the drivers JSON lists the ten drivers within their caps, and their points add up to the score", async () => {
  const [summary] = await w.rows<{ rows: number; bad_sum: number; bad_drivers: number; over_cap: number }>(
    `WITH d AS (
       SELECT risk_score, list_transform(CAST(drivers AS JSON[]), x -> {'driver': json_extract_string(x, 'driver'),
         'points': CAST(json_extract_string(x, 'points') AS DECIMAL(4,1)),
         'cap': CAST(json_extract_string(x, 'max_points') AS DECIMAL(4,1))}) AS list
       FROM marts.employer_risk)
     SELECT CAST(count(*) AS INTEGER) AS rows,
       CAST(count(*) FILTER (WHERE risk_score <> list_sum(list_transform(list, x -> x.points))) AS INTEGER) AS bad_sum,
       CAST(count(*) FILTER (WHERE list_transform(list, x -> x.driver) <> $drivers) AS INTEGER) AS bad_drivers,
       CAST(count(*) FILTER (WHERE list_bool_or(list_transform(list, x -> x.points NOT BETWEEN 0 AND x.cap))) AS INTEGER) AS over_cap
     FROM d`.replace("$drivers", `[${RISK_DRIVERS.map((d) => `'${d}'`).join(", ")}]`),
  );
  expect(summary!.rows).toBeGreaterThan(500);
  expect(summary).toMatchObject({ bad_sum: 0, bad_drivers: 0, over_cap: 0 });
});

test("the score ranks the employers in serious arrears three months later above the rest", async () => {
  const rows = await w.rows<{ population: string; auc: number; serious: number }>(
    `SELECT population, sum(auc * serious * (employers - serious)) / sum(serious * (employers - serious)) AS auc,
            CAST(sum(serious) AS INTEGER) AS serious
     FROM marts.risk_validation WHERE auc IS NOT NULL GROUP BY population ORDER BY population`,
  );
  expect(rows.map((r) => r.population)).toEqual(["all", "not_yet_serious"]);
  for (const r of rows) {
    expect(r.serious).toBeGreaterThan(10);
    expect(r.auc).toBeGreaterThan(0.8);
  }
});
