// `tahseel sample`: the same seed draws the same items on every run; stratified allocation is
// proportional; MUS selects every item of at least the interval and one item per sampling point; the
// parameters and the selection are kept in the warehouse with the run and written as CSV.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Decimal } from "decimal.js";
import { afterAll, beforeAll, expect, test } from "vitest";
import { sampleCommand } from "../pipelines/cli/commands/sample.ts";
import { csv, writeDelivery } from "./helpers/deliveries.ts";
import { employer, invoice, payment } from "./helpers/rows.ts";
import { ingest, query, workspace } from "./helpers/warehouse.ts";
import { context, runCli } from "./findings-support.ts";

const ws = workspace();
const CHANNELS = ["sadad", "sadad", "sadad", "sadad", "sadad", "bank_transfer", "bank_transfer", "bank_transfer", "cash", "cash"];
/** 200 payments of 101.37 to 3,088.37 SAR by channel 100/60/40, and three of 50,000 SAR or more. */
const amounts = Array.from({ length: 200 }, (_, i) => new Decimal(101.37).plus((i * 37) % 2988).toFixed(2)).concat([
  "50000.00",
  "64000.50",
  "75000.25",
]);

beforeAll(async () => {
  writeDelivery(ws.inbox, "d1", "2026-11-11T02:00:00+03:00", [
    {
      name: "employers_20261111.csv",
      entity: "employers",
      text: csv("employers", [employer("100000001"), employer("100000002", { sector: "F" })]),
    },
    {
      name: "invoices_20261111.csv",
      entity: "invoices",
      text: csv("invoices", [invoice("I001", "100000001"), invoice("I002", "100000002")]),
    },
    {
      name: "payments_20261111.csv",
      entity: "payments",
      text: csv(
        "payments",
        amounts.map((a, i) =>
          payment(`P${String(i).padStart(3, "0")}`, i % 3 ? "100000001" : "100000002", a, { channel: CHANNELS[i % 10]! }),
        ),
      ),
    },
  ]);
  await ingest(ws.inbox, ws.db);
}, 60_000);
afterAll(() => rmSync(ws.dir, { recursive: true, force: true }));

interface Drawn {
  sampleId: string;
  selected: number;
  out: string;
  interval: string | null;
  allocation: Record<string, number> | null;
}
const sample = async (options: Record<string, string>) =>
  (await sampleCommand.run({ db: ws.db, population: "payments", json: true, ...options }, [], context)).result as Drawn;
const lines = (file: string) => readFileSync(file, "utf8").trim().split("\n");

test("the same seed draws the same items, written as CSV and kept with the run; another seed draws others", async () => {
  const a = await sample({ method: "random", size: "15", seed: "2026", out: join(ws.dir, "a.csv") });
  const b = await sample({ method: "random", size: "15", seed: "2026", out: join(ws.dir, "b.csv") });
  const c = await sample({ method: "random", size: "15", seed: "7", out: join(ws.dir, "c.csv") });
  expect(a.selected).toBe(15);
  expect(lines(a.out)).toHaveLength(16);
  expect(lines(a.out)[0]).toBe("item_no,item_id,employer_id,amount,stratum,hits,delivery_id,file_name,line");
  expect(lines(b.out)).toEqual(lines(a.out));
  expect(lines(c.out)).not.toEqual(lines(a.out));
  const [first] = lines(a.out)
    .slice(1)
    .map((l) => l.split(","));
  const n = Number(first![1]!.slice(1));
  expect(first!.slice(3)).toEqual([amounts[n], "", "1", "d1", "payments_20261111.csv", String(n + 2)]);
  expect(
    await query(
      ws.db,
      `SELECT s.method, s.size, s.seed, s.population_items, s.selected, r.job, r.status
       FROM audit.samples s JOIN audit.runs r USING (run_id) WHERE sample_id = '${a.sampleId}'`,
    ),
  ).toEqual([{ method: "random", size: 15, seed: "2026", population_items: 203, selected: 15, job: "sample", status: "success" }]);
  expect(await query(ws.db, `SELECT count(DISTINCT item_id) AS n FROM audit.sample_items WHERE sample_id = '${a.sampleId}'`)).toEqual([
    { n: 15 },
  ]);
});

test("stratified: N allocated in proportion to the strata, and each stratum drawn by the seed", async () => {
  const s = await sample({ method: "stratified", size: "20", seed: "11", strata: "channel" });
  // 103 sadad (the three large ones included), 60 bank transfers, 40 cash: 20 × share, largest remainders
  expect(s.allocation).toEqual({ bank_transfer: 6, cash: 4, sadad: 10 });
  const byStratum = await query(
    ws.db,
    `SELECT stratum, count(*)::INTEGER AS n FROM audit.sample_items WHERE sample_id = '${s.sampleId}' GROUP BY 1 ORDER BY 1`,
  );
  expect(byStratum).toEqual([
    { stratum: "bank_transfer", n: 6 },
    { stratum: "cash", n: 4 },
    { stratum: "sadad", n: 10 },
  ]);
});

test("MUS: every item of at least the interval is selected, one hit per sampling point, reproducibly", async () => {
  for (const seed of ["1", "2", "3", "audit-2026"]) {
    const s = await sample({ method: "mus", size: "12", seed });
    const total = amounts.reduce((t, a) => t.plus(a), new Decimal(0));
    expect(new Decimal(s.interval!).toFixed(2)).toBe(total.div(12).toFixed(2));
    const items = await query<{ item_id: string; amount: string; hits: number }>(
      ws.db,
      `SELECT item_id, amount, hits FROM audit.sample_items WHERE sample_id = '${s.sampleId}' ORDER BY item_no`,
    );
    expect(items.reduce((t, i) => t + i.hits, 0)).toBe(12);
    const interval = new Decimal(s.interval!);
    const large = amounts.filter((a) => interval.lte(a));
    expect(large.length).toBe(3);
    for (const a of large) {
      const item = items.find((i) => i.amount === a);
      expect(item, `${a} ≥ interval ${s.interval} is selected`).toBeDefined();
      // an item spanning k intervals holds k or k + 1 points
      expect(item!.hits).toBeGreaterThanOrEqual(new Decimal(a).div(interval).floor().toNumber());
    }
    const again = await sample({ method: "mus", size: "12", seed });
    expect(lines(again.out)).toEqual(lines(s.out));
  }
});

test("bad arguments are refused with what to change (exit code 2), and a sample runs from the command line", async () => {
  const bad = await runCli([
    "sample",
    "--db",
    ws.db,
    "--population",
    "payments",
    "--method",
    "stratified",
    "--size",
    "5",
    "--seed",
    "1",
    "--strata",
    "colour",
  ]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("--strata colour is not a column of payments; use one of payment_id, employer_id, amount");
  await expect(sample({ method: "random", size: "500", seed: "1" })).rejects.toThrow(
    "--size 500 is more than the 203 items in the population",
  );
  await expect(sample({ method: "systematic", size: "5", seed: "1" })).rejects.toThrow("use one of random, stratified, mus");
  const out = join(ws.dir, "cli.csv");
  const ok = await runCli([
    "sample",
    "--db",
    ws.db,
    "--population",
    "invoices",
    "--method",
    "random",
    "--size",
    "2",
    "--seed",
    "9",
    "--out",
    out,
    "--json",
  ]);
  expect(ok.code).toBe(0);
  expect(JSON.parse(ok.stdout)).toMatchObject({ population: "invoices", selected: 2, populationItems: 2, populationAmount: "2150.00" });
  expect(
    lines(out)
      .slice(1)
      .map((l) => l.split(",")[1])
      .sort(),
  ).toEqual(["I001", "I002"]);
});
