// `_shared.yml`: columns and tests written once for every model of its folder (not the folders beside it) (the detectors all write the
// finding columns of marts.anomalies). A model takes them as its own, adds to them, and a mistake in the
// shared file is reported at its own line.
import { afterEach, expect, test } from "vitest";
import { sandbox, type Sandbox } from "./engine-support.ts";

let s: Sandbox;
afterEach(() => s?.close());

const SHARED = `description: Every model here counts something per employer.
columns:
  employer_id:
    description: The employer counted.
    description_ar: المنشأة المعدودة.
  n: How many.
tests:
  - not_null: employer_id
  - expression: n > 0
`;

const model = (sql: string, extra = "") => `/*
description: Invoices per employer.
grain: one row per employer_id
materialized: table
${extra}*/
${sql}`;

test("every model of the folder takes the shared columns and tests; its own come after and win", async () => {
  s = await sandbox();
  s.write("marts/counts/_shared.yml", SHARED);
  s.write("marts/counts/invoice_counts.sql", model("SELECT employer_id, count(*) AS n FROM staging.stg_invoices GROUP BY ALL"));
  s.write(
    "marts/counts/period_counts.sql",
    model(
      "SELECT employer_id, count(DISTINCT period) AS n, max(period) AS last_period FROM staging.stg_invoices GROUP BY ALL",
      "columns:\n  n: Periods invoiced.\n  last_period: Latest period invoiced.\ntests:\n  - unique: employer_id\n",
    ),
  );
  await s.build();
  const docs = await s.rows<{ table_name: string; column_name: string; comment: string | null }>(
    "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'marts' AND table_name LIKE '%_counts' ORDER BY ALL",
  );
  expect(docs.map((d) => [d.table_name, d.column_name])).toEqual([
    ["invoice_counts", "employer_id"],
    ["invoice_counts", "n"],
    ["period_counts", "employer_id"],
    ["period_counts", "last_period"],
    ["period_counts", "n"],
  ]);
  const tests = await s.rows<{ model: string; test: string; status: string }>(
    "SELECT model, test, status FROM audit.test_results WHERE model LIKE 'marts.%_counts' ORDER BY ALL",
  );
  expect(tests.map((t) => `${t.model} ${t.test} ${t.status}`)).toEqual([
    "marts.invoice_counts expression(n > 0) pass",
    "marts.invoice_counts not_null(employer_id) pass",
    "marts.period_counts expression(n > 0) pass",
    "marts.period_counts not_null(employer_id) pass",
    "marts.period_counts unique(employer_id) pass",
  ]);
});

test("a model that does not produce a shared column is refused, naming the column", async () => {
  s = await sandbox();
  s.write("marts/counts/_shared.yml", SHARED);
  s.write("marts/counts/invoice_counts.sql", model("SELECT employer_id, count(*) AS invoices FROM staging.stg_invoices GROUP BY ALL"));
  await expect(s.build()).rejects.toThrow(/columns\.n is documented but marts\.invoice_counts produces no column "n"/);
});

test("a mistake in the shared file is reported at its line there", async () => {
  s = await sandbox();
  s.write("marts/counts/_shared.yml", SHARED.replace("  - expression: n > 0", "  - not_nul: n"));
  s.write("marts/counts/invoice_counts.sql", model("SELECT employer_id, count(*) AS n FROM staging.stg_invoices GROUP BY ALL"));
  await expect(s.build()).rejects.toThrow(/marts\/counts\/_shared\.yml line 9.*not_nul.*did you mean "not_null"/);
});
