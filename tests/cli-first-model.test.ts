// docs/write-your-first-model.md followed as written, through the CLI a reader types, on the bundled
// sample: the example model passes every test of its own, and the failure the text shows on purpose
// (filtering to active employers) is the one the reader gets.
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { useGeneratedSample } from "./helpers/generated.ts";
import { query } from "./helpers/warehouse.ts";

const ROOT = join(import.meta.dirname, "..");
const sample = useGeneratedSample("tahseel-first-model-");
const doc = readFileSync(join(ROOT, "docs", "write-your-first-model.md"), "utf8");
const modelSql = /```sql\n(\/\*[\s\S]*?)```/.exec(doc)![1]!;
let models: string;
let db: string;

function tahseel(...args: string[]) {
  const ran = spawnSync(process.execPath, [join(ROOT, "bin", "tahseel.js"), ...args], { cwd: sample.root, encoding: "utf8" });
  expect(ran.status, ran.stderr).toBe(0);
  return ran.stderr;
}

/** Builds the model from `sql` and returns each of its tests' latest status (and the reconciles sample). */
async function buildWith(sql: string) {
  writeFileSync(join(models, "marts", "employer_overview.sql"), sql);
  const log = tahseel("build", "--select", "+marts.employer_overview", "--models", models, "--db", db);
  const rows = await query<{ test: string; status: string; sample: string }>(
    db,
    `SELECT test, status, sample FROM audit.test_results WHERE model = 'marts.employer_overview'
     AND run_id = (SELECT max(run_id) FROM audit.test_results WHERE model = 'marts.employer_overview')`,
  );
  return { log, tests: Object.fromEntries(rows.map((r) => [r.test, r])) };
}

beforeAll(() => {
  models = join(sample.root, "models");
  db = join(sample.root, "warehouse.duckdb");
  cpSync(join(ROOT, "models"), models, { recursive: true });
  tahseel("ingest", "--inbox", join(sample.out, "inbox"), "--db", db);
  tahseel("new-model", "employer_overview", "--layer", "marts", "--models", models);
}, 300_000);

test("the example model passes all its tests, its reconciles test included", async () => {
  const { tests } = await buildWith(modelSql);
  expect(Object.keys(tests)).toContain("reconciles(billed = raw.invoices.total_amount)");
  for (const [name, t] of Object.entries(tests)) expect(t.status, name).toBe("pass");
}, 120_000);

test("filtered to active employers, the reconciles test warns as the text shows, and the fix it gives passes", async () => {
  const filtered = modelSql.replace("GROUP BY e.employer_id", "WHERE e.status = 'active'\nGROUP BY e.employer_id");
  const shown = /```text\n(WARN .*)\n```/.exec(doc)![1]!;
  const broken = await buildWith(filtered);
  expect(broken.log).toContain(shown);
  const reconciles = broken.tests["reconciles(billed = raw.invoices.total_amount)"]!;
  expect(reconciles.status).toBe("fail");
  const [difference] = JSON.parse(reconciles.sample) as { difference: string }[];
  expect(doc).toContain(`${Number(difference!.difference.replace("-", "")).toLocaleString("en", { minimumFractionDigits: 2 })} SAR`);

  const fix = /`(where: "issued_on <= getvariable\('as_of'\) AND[\s\S]*?")`/.exec(doc)![1]!.replace(/\s*\n\s*/g, " ");
  const fixed = await buildWith(filtered.replace(`where: "issued_on <= getvariable('as_of')"`, fix));
  for (const [name, t] of Object.entries(fixed.tests)) expect(t.status, name).toBe("pass");
}, 120_000);
