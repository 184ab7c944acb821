// Errors point at the line: a YAML mistake at its own line and column, a typo under columns: or in a
// relationships test's field: named with the model, the column and the closest real one.
import { afterEach, describe, expect, test } from "vitest";
import { discoverModels } from "../pipelines/engine/discover.ts";
import { columnDocs } from "../pipelines/engine/header.ts";
import { sandbox, type Sandbox } from "./engine-support.ts";

let s: Sandbox;
afterEach(() => s?.close());

async function refused(): Promise<string> {
  const error = await s.build().then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(error, "the build should have been refused").toBeInstanceOf(Error);
  expect((error as { exitCode?: number }).exitCode).toBe(2);
  const built = await s.rows(
    "SELECT table_name FROM duckdb_tables() WHERE schema_name IN ('staging', 'core', 'marts') " +
      "UNION ALL SELECT view_name FROM duckdb_views() WHERE schema_name IN ('staging', 'core', 'marts')",
  );
  expect(built, "nothing is built when a build is refused").toEqual([]);
  return error!.message;
}

describe("a YAML mistake in a header is reported at its own line and column", () => {
  test("an unclosed [ far down the header, at the bracket, not at line 1", async () => {
    s = await sandbox();
    // employer_billed.sql: line 12 is `  - expression: billed >= 0`; the unclosed bracket replaces it.
    s.edit("core/employer_billed.sql", (t) => t.replace("  - expression: billed >= 0", "  - unique: [employer_id, as_of"));
    const message = await refused();
    expect(message).toMatch(/^\S*employer_billed\.sql line 12, column 13: not valid YAML: Flow sequence .*; close the bracket/);
  });

  test("a tab used as indentation, at the tab", async () => {
    s = await sandbox();
    s.edit("core/employer_billed.sql", (t) => t.replace("  billed: Sum of invoice totals, SAR.", "\tbilled: Sum of invoice totals, SAR."));
    expect(await refused()).toMatch(
      /employer_billed\.sql line 9, column 1: not valid YAML: Tabs are not allowed as indentation; indent with spaces/,
    );
  });

  test("an unclosed quote, where it opens", async () => {
    s = await sandbox();
    s.edit("staging/stg_invoices.sql", (t) => t.replace("  period: Month billed, YYYY-MM.", "  period: 'Month billed, YYYY-MM."));
    expect(await refused()).toMatch(/stg_invoices\.sql line 8, column 11: not valid YAML: Missing closing 'quote; close the quote/);
  });

  test("a mistake on the comment's own first line counts the /* before it", async () => {
    s = await sandbox();
    s.edit("staging/stg_invoices.sql", (t) => t.replace("/*\ndescription: Invoices as billed.", "/* description: [Invoices as billed."));
    expect(await refused()).toMatch(/stg_invoices\.sql line 1, column 17: not valid YAML/);
  });
});

describe("columns: must be what the model produces", () => {
  test("a typo under columns: is refused naming the model, the key and the real column", async () => {
    s = await sandbox();
    s.edit("staging/stg_invoices.sql", (t) => t.replace("  period: Month billed", "  peroid: Month billed"));
    const message = await refused();
    expect(message).toMatch(
      /stg_invoices\.sql line 8: columns\.peroid is documented but staging\.stg_invoices produces no column "peroid"/,
    );
    expect(message).toMatch(/\(did you mean "period"\?\); staging\.stg_invoices produces "period" but columns: does not document it/);
  });

  test("a produced column left undocumented is refused at columns:", async () => {
    s = await sandbox();
    s.edit("staging/stg_invoices.sql", (t) => t.replace("  total_amount: Amount billed, SAR.\n", ""));
    const message = await refused();
    expect(message).toMatch(/stg_invoices\.sql line 5: staging\.stg_invoices produces "total_amount" but columns: does not document it/);
    expect(message).toMatch(/; make columns: list exactly what the SELECT returns/);
  });

  test("columns_check: warn reports the same mismatch and builds", async () => {
    s = await sandbox();
    s.edit("staging/stg_invoices.sql", (t) =>
      t
        .replace("  period: Month billed", "  peroid: Month billed")
        .replace("materialized: table", "materialized: table\ncolumns_check: warn"),
    );
    const summary = await s.build();
    expect(summary.status).toBe("success");
    const warning = summary.warnings.find((w) => w.includes("peroid"));
    expect(warning).toMatch(
      /stg_invoices\.sql line 9: columns\.peroid is documented .*\(did you mean "period"\?\).*\(columns_check: warn\)/,
    );
    expect(s.context.logger.lines.some((l) => l.level === "warn" && l.message === warning)).toBe(true);
  });

  test("a TypeScript model that makes a column its header does not document fails, or warns under columns_check: warn", async () => {
    s = await sandbox("models-ts");
    const extra = (t: string) =>
      t
        .replace("(invoice_id VARCHAR, sequence INTEGER)", "(invoice_id VARCHAR, sequence INTEGER, prefix VARCHAR)")
        .replace("[1])})`", "[1])}, 'INV')`"); // the values written: a third one for the new column
    s.edit("core/invoice_numbers.ts", extra);
    const failed = await s.build();
    expect(failed.models.find((m) => m.model === "core.invoice_numbers")).toMatchObject({ status: "failed" });
    expect(failed.models.find((m) => m.model === "core.invoice_numbers")!.error).toMatch(
      /invoice_numbers\.ts line 6: core\.invoice_numbers produces "prefix" but columns: does not document it/,
    );
    s.edit("core/invoice_numbers.ts", (t) => t.replace("materialized: table", "materialized: table\ncolumns_check: warn"));
    const built = await s.build();
    expect(built.models.find((m) => m.model === "core.invoice_numbers")).toMatchObject({ status: "built" });
    expect(built.warnings.join("\n")).toMatch(
      /core\.invoice_numbers produces "prefix" but columns: does not document it.*\(columns_check: warn\)/,
    );
  });

  test("a model whose header documents no columns is not checked", async () => {
    s = await sandbox();
    s.edit("core/employer_billed.sql", (t) => t.replace(/columns:\n( {2}.*\n)+/, ""));
    expect((await s.build()).status).toBe("success");
  });
});

describe("a relationships test names the column that does not exist", () => {
  test("a wrong field: names the field, the model it was looked for in and that model's columns", async () => {
    s = await sandbox();
    s.edit("staging/stg_invoices.sql", (t) =>
      t.replace("{column: employer_id, to: staging.stg_employers}", "{column: employer_id, to: staging.stg_employers, field: employer}"),
    );
    const message = await refused();
    expect(message).toMatch(/stg_invoices\.sql line 12: test relationships\(employer_id → staging\.stg_employers\.employer\): /);
    expect(message).toMatch(/relationships\.field "employer" is not a column of staging\.stg_employers \(did you mean "employer_id"\?\)/);
    expect(message).toMatch(/; its columns are employer_id, status$/);
    expect(message).not.toMatch(/Referenced table/);
  });

  test("a wrong column: is looked for in the test's own model", async () => {
    s = await sandbox();
    s.edit("staging/stg_invoices.sql", (t) => t.replace("{column: employer_id, to:", "{column: employer_no, field: employer_id, to:"));
    const message = await refused();
    expect(message).toMatch(
      /relationships\.column "employer_no" is not a column of staging\.stg_invoices \(did you mean "employer_id"\?\)/,
    );
    expect(message).toMatch(/; its columns are invoice_id, employer_id, period, total_amount$/);
  });
});

describe("Arabic descriptions", () => {
  test("every model in models/ describes itself and each of its columns in Arabic", () => {
    const lacking = discoverModels("models").flatMap((m) => [
      ...(m.header.description_ar ? [] : [m.id]),
      ...columnDocs(m.header)
        .filter((c) => !c.description_ar)
        .map((c) => `${m.id}.${c.name}`),
    ]);
    expect(lacking).toEqual([]);
  });

  test("description_ar must be Arabic text, for the model and for a column", async () => {
    s = await sandbox();
    s.edit("staging/stg_invoices.sql", (t) => t.replace("grain:", "description_ar: Invoices as billed.\ngrain:"));
    expect(await refused()).toMatch(/stg_invoices\.sql line 3: description_ar: must be written in Arabic/);
    s.edit("staging/stg_invoices.sql", (t) =>
      t
        .replace("description_ar: Invoices as billed.", "description_ar: الفواتير كما صدرت.")
        .replace("  period: Month billed, YYYY-MM.", "  period:\n    description: Month billed.\n    description_ar: 2026-01"),
    );
    expect(await refused()).toMatch(/stg_invoices\.sql line 11: columns\.period\.description_ar: must be written in Arabic/);
  });
});
