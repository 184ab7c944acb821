// `same_as`: a column carried unchanged from another model keeps that model's description, in any folder,
// through a chain of models; a reference to no model, or to a model without the column, is refused at its line.
import { afterEach, expect, test } from "vitest";
import { discoverModels } from "../pipelines/engine/discover.ts";
import { columnDocs } from "../pipelines/engine/header.ts";
import { sandbox, type Sandbox } from "./engine-support.ts";

let s: Sandbox;
afterEach(() => s?.close());

const model = (sql: string, columns: string) => `/*
description: Invoices per employer.
grain: one row per employer_id
materialized: table
columns:
${columns}*/
${sql}`;

const COUNTS = "SELECT employer_id, count(*) AS n FROM staging.stg_invoices GROUP BY ALL";

test("a same_as column takes the description of the model it names, through a chain, in both languages", async () => {
  s = await sandbox();
  s.write(
    "core/invoice_counts.sql",
    model(COUNTS, "  employer_id:\n    description: The employer billed.\n    description_ar: المنشأة المفوترة.\n  n: How many.\n"),
  );
  s.write(
    "marts/big_counts.sql",
    model(
      "SELECT * FROM core.invoice_counts WHERE n > 0",
      "  employer_id: { same_as: core.invoice_counts }\n  n: { same_as: core.invoice_counts }\n",
    ),
  );
  s.write(
    "marts/top_counts.sql",
    model("SELECT * FROM marts.big_counts", "  employer_id: { same_as: marts.big_counts }\n  n: { same_as: core.invoice_counts }\n"),
  );
  await s.build();
  // what the docs, the catalogue and the pages read: the description itself, in both languages
  const docs = discoverModels(s.models)
    .filter((m) => m.id.endsWith("_counts"))
    .map((m) => [m.id, columnDocs(m.header).find((c) => c.name === "employer_id")]);
  const billed = { name: "employer_id", description: "The employer billed.", description_ar: "المنشأة المفوترة." };
  expect(docs).toEqual([
    ["core.invoice_counts", billed],
    ["marts.big_counts", billed],
    ["marts.top_counts", billed],
  ]);
});

test("same_as naming no model, or a model without the column, is refused at its line with what to write", async () => {
  s = await sandbox();
  s.write("core/invoice_counts.sql", model(COUNTS, "  employer_id: The employer billed.\n"));
  s.write(
    "marts/big_counts.sql",
    model("SELECT * FROM core.invoice_counts", "  n: How many.\n  employer_id: { same_as: core.invoice_count }\n"),
  );
  await expect(s.build()).rejects.toThrow(/big_counts\.sql line 7.*same_as names no model core\.invoice_count/);
  s.write("marts/big_counts.sql", model("SELECT * FROM core.invoice_counts", "  n: { same_as: core.invoice_counts }\n"));
  await expect(s.build()).rejects.toThrow(/big_counts\.sql line 6.*core\.invoice_counts documents no column n; describe it here instead/);
});
