// The engine's commands end to end on files: build and --resume, docs, new-model on the real tree,
// and a build stopped half-way.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { buildCommand } from "../pipelines/cli/commands/build.ts";
import { docsCommand } from "../pipelines/cli/commands/docs.ts";
import { newModelCommand } from "../pipelines/cli/commands/new-model.ts";
import type { BuildSummary } from "../pipelines/engine/build.ts";
import type { Catalog } from "../pipelines/engine/catalog.ts";
import { ensureWarehouseSchema } from "../pipelines/ingest/warehouse-schema.ts";
import { memoryLogger } from "../pipelines/lib/context.ts";
import { openWarehouse } from "../pipelines/lib/duckdb.ts";
import { FIXTURES, RAW_DDL, sandbox, statuses } from "./engine-support.ts";

let dir: string;
let clock = Date.parse("2026-03-02T03:00:00Z");
const tick = () => {
  clock += 1000;
  return new Date(clock);
};
const context = { logger: memoryLogger(), now: tick };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tahseel-commands-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A warehouse with the fixture's raw tables, closed again so the commands can open it. */
async function fixtureWarehouse(): Promise<{ db: string; models: string }> {
  const db = join(dir, "warehouse.duckdb");
  const w = await openWarehouse(db);
  await w.connection.run(RAW_DDL);
  w.close();
  const models = join(dir, "models");
  cpSync(join(FIXTURES, "models-basic"), models, { recursive: true });
  return { db, models };
}

const build = async (options: Record<string, unknown>) => {
  const r = await buildCommand.run(options as never, [], context);
  return { exitCode: r.exitCode, summary: r.result as BuildSummary };
};

test("a failed build is resumed from the model that failed, with the same as-of", async () => {
  const { db, models } = await fixtureWarehouse();
  const billed = join(models, "core/employer_billed.sql");
  const good = readFileSync(billed, "utf8");
  writeFileSync(
    billed,
    good.replace("sum(total_amount) AS billed", "sum(total_amount) + CAST(error('ledger offline') AS INTEGER) AS billed"),
  );
  const failed = await build({ db, models, "as-of": "2026-01-31" });
  expect(failed.exitCode).toBe(1);
  expect(statuses(failed.summary)).toMatchObject({
    "core.employer_billed": "failed",
    "marts.employer_summary": "blocked",
    "staging.stg_invoices": "built",
  });

  writeFileSync(billed, good);
  const resumed = await build({ db, models, resume: true });
  expect(resumed.exitCode).toBe(0);
  expect(resumed.summary.asOf).toBe("2026-01-31");
  expect(statuses(resumed.summary)).toEqual({ "core.employer_billed": "built", "marts.employer_summary": "built" });
  await expect(build({ db, models, resume: true })).rejects.toThrow(/nothing to resume/);
});

test("docs writes the catalogue: models, extract tables from the contracts, tests with last results, lineage", async () => {
  const { db, models } = await fixtureWarehouse();
  const billed = join(models, "core/employer_billed.sql");
  writeFileSync(
    billed,
    readFileSync(billed, "utf8")
      .replace("grain:", "description_ar: ما فوتر على كل منشأة حتى شهر التاريخ المرجعي.\ngrain:")
      .replace(
        "  employer_id: Billed employer.",
        "  employer_id:\n    description: Billed employer.\n    description_ar: المنشأة المفوترة.",
      ),
  );
  await build({ db, models, "as-of": "2026-02-28" });
  const out = join(dir, "docs");
  await docsCommand.run({ db, models, out } as never, [], context);
  const catalog = JSON.parse(readFileSync(join(out, "catalog.json"), "utf8")) as Catalog;
  const node = (id: string) => catalog.nodes.find((n) => n.id === id)!;
  expect(node("core.employer_billed")).toMatchObject({
    kind: "model",
    grain: "one row per employer_id",
    materialized: "table",
    upstream: ["staging.stg_invoices"],
    downstream: ["marts.employer_summary"],
    params: ["as_of"],
    description: "What each employer was billed for periods up to the as-of month.",
    description_ar: "ما فوتر على كل منشأة حتى شهر التاريخ المرجعي.",
  });
  expect(node("core.employer_billed").columns.slice(0, 2)).toEqual([
    { name: "employer_id", description: "Billed employer.", description_ar: "المنشأة المفوترة.", type: "VARCHAR" },
    { name: "billed", description: "Sum of invoice totals, SAR.", description_ar: null, type: "DECIMAL(38,2)" },
  ]);
  expect(node("staging.stg_invoices").description_ar).toBeNull();
  expect(node("core.employer_billed").tests.map((t) => [t.kind, t.last_result?.status])).toEqual([
    ["expression", "pass"],
    ["reconciles", "pass"],
  ]);
  const raw = node("raw.invoices");
  expect(raw).toMatchObject({ kind: "source", downstream: ["staging.stg_invoices"] });
  expect(raw.columns.find((c) => c.name === "invoice_id")).toMatchObject({
    type: "VARCHAR",
    key: true,
    nullable: false,
  });
  expect(catalog.edges).toContainEqual({ from: "raw.employers", to: "staging.stg_employers" });
  expect(catalog.edges).toContainEqual({ from: "staging.stg_employers", to: "staging.stg_invoices" });
});

test("new-model writes a model that builds as it is, on the real models/ tree", async () => {
  const models = join(dir, "models");
  cpSync("models", models, { recursive: true });
  const db = join(dir, "warehouse.duckdb");
  const w = await openWarehouse(db);
  await ensureWarehouseSchema(w.connection);
  await w.connection.run(
    `INSERT INTO raw.employers (employer_id, account_type, name_ar, legal_form, sector, region, registered_on, status, _load_id, _line,
        _row_hash, _valid_from)
     VALUES ('100000001', 'establishment', 'شركة الاختبار', 'private', 'G', 'RIYADH', '2020-01-01', 'active', 1, 2, 1, '2026-03-01')`,
  );
  w.close();
  await newModelCommand.run({ models, layer: "marts" } as never, ["employer_overview"], context);
  await expect(newModelCommand.run({ models, layer: "marts" } as never, ["employer_overview"], context)).rejects.toThrow(/already exists/);
  await expect(newModelCommand.run({ models, layer: "mart" } as never, ["x"], context)).rejects.toThrow(
    /unknown layer \(did you mean "marts"\?\)/,
  );
  const { exitCode, summary } = await build({ db, models, "as-of": "2026-03-01" });
  expect(exitCode).toBe(0);
  // The real tree grows (the ledger models live there too): every model must build, the new one included.
  expect(statuses(summary)).toMatchObject({ "staging.stg_employers": "built", "marts.employer_overview": "built" });
  expect(new Set(Object.values(statuses(summary)))).toEqual(new Set(["built"]));
  expect(summary.tests.filter((t) => t.model === "marts.employer_overview").map((t) => t.status)).toEqual(["pass", "pass", "pass", "pass"]);
});

test("a build stopped half-way commits what finished and leaves the rest to --resume", async () => {
  const s = await sandbox();
  try {
    let built = 0;
    const stopRequested = () => {
      if (built > 0) return true;
      built++;
      return false;
    };
    const summary = await s.build({ concurrency: 1, stopRequested });
    expect(summary.status).toBe("cancelled");
    const st = statuses(summary);
    expect(Object.values(st).filter((x) => x === "built")).toHaveLength(1);
    expect(Object.values(st).filter((x) => x === "cancelled").length).toBeGreaterThan(0);
    const again = await s.build();
    expect(Object.values(statuses(again)).filter((x) => x === "fresh")).toHaveLength(1);
  } finally {
    s.close();
  }
});

test("the model in docs/write-your-first-model.md builds and passes its blocking tests", async () => {
  const models = join(dir, "models");
  cpSync("models", models, { recursive: true });
  const doc = readFileSync("docs/write-your-first-model.md", "utf8");
  const sql = /```sql\n(\/\*[\s\S]*?)```/.exec(doc)![1]!;
  writeFileSync(join(models, "marts", "employer_overview.sql"), sql);
  const db = join(dir, "warehouse.duckdb");
  const w = await openWarehouse(db);
  await ensureWarehouseSchema(w.connection);
  await w.connection.run(
    `INSERT INTO raw.employers (employer_id, account_type, name_ar, legal_form, sector, region, registered_on, status, _load_id, _line,
        _row_hash, _valid_from)
     VALUES ('100000001', 'establishment', 'شركة الاختبار', 'private', 'G', 'RIYADH', '2020-01-01', 'active', 1, 2, 1, '2026-03-01')`,
  );
  w.close();
  const { exitCode, summary } = await build({ db, models, "as-of": "2026-03-01" });
  expect(exitCode).toBe(0);
  expect(statuses(summary)["marts.employer_overview"]).toBe("built");
});
