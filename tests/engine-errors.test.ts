// Mistakes an analyst can make are refused before anything is built, naming the file, the line and
// what to change.
import { afterEach, describe, expect, test } from "vitest";
import { sandbox, type Sandbox } from "./engine-support.ts";

let s: Sandbox;
afterEach(() => s?.close());

async function refused(pattern: RegExp): Promise<string> {
  const error = await s.build().then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(error, "the build should have been refused").toBeInstanceOf(Error);
  expect(error!.message).toMatch(pattern);
  expect((error as { exitCode?: number }).exitCode).toBe(2);
  // Nothing was built: no model table or view exists.
  const built = await s.rows(
    `SELECT table_name FROM duckdb_tables() WHERE schema_name IN ('staging', 'core', 'marts') UNION ALL SELECT view_name FROM duckdb_views()
        WHERE schema_name IN ('staging', 'core', 'marts')`,
  );
  expect(built).toEqual([]);
  return error!.message;
}

describe("refused before building", () => {
  test("a dependency cycle, at the line that closes it", async () => {
    s = await sandbox();
    s.edit("staging/stg_invoices.sql", (t) =>
      t.replace("FROM raw.invoices;", "FROM raw.invoices\nWHERE employer_id IN (SELECT employer_id FROM marts.employer_summary);"),
    );
    await refused(
      new RegExp(
        /employer_billed\.sql line 18: dependency cycle staging\.stg_invoices → marts\.employer_summary → /.source +
          /core\.employer_billed → staging\.stg_invoices; one of these models must stop reading the next/.source,
      ),
    );
  });

  test("a reference to a model that does not exist", async () => {
    s = await sandbox();
    s.edit("marts/employer_summary.sql", (t) => t.replace("FROM core.employer_billed", "FROM core.employer_bill"));
    await refused(/employer_summary\.sql line 13: reads unknown model core\.employer_bill \(did you mean "core\.employer_billed"\?\)/);
  });

  test("a raw table that is not an extract", async () => {
    s = await sandbox();
    s.edit("staging/stg_employers.sql", (t) =>
      t.replace("FROM raw.employers", "FROM raw.employer").replace("depends_on: [raw.employers]\n", ""),
    );
    await refused(/stg_employers\.sql line 14: reads raw\.employer is not an extract table \(did you mean "raw\.employers"\?\)/);
  });

  test("a malformed header: bad YAML, a missing field, a wrong value, an unknown key", async () => {
    s = await sandbox();
    s.edit("core/employer_billed.sql", (t) => t.replace("params:\n  as_of: date", "params:\n as_of: date\n  extra: [1"));
    await refused(/employer_billed\.sql line 6, column 9: not valid YAML/);
    s.edit("core/employer_billed.sql", (t) =>
      t.replace("params:\n as_of: date\n  extra: [1", "params:\n  as_of: date").replace(/^description: .*\n/m, ""),
    );
    await refused(/employer_billed\.sql line 2: description: required: say in a sentence what the table holds/);
    s.edit("core/employer_billed.sql", (t) =>
      t.replace("/*\n", "/*\ndescription: back again\n").replace("materialized: table", "materialized: tabel"),
    );
    await refused(/employer_billed\.sql line 4: materialized: must be view, table or incremental/);
    s.edit("core/employer_billed.sql", (t) => t.replace("materialized: tabel", "materialized: table\ndescripton: typo"));
    await refused(/employer_billed\.sql line 5: descripton: unknown key; remove it or check its spelling/);
  });

  test("an unknown test, with the closest known one", async () => {
    s = await sandbox();
    s.edit("staging/stg_employers.sql", (t) => t.replace("  - unique: employer_id", "  - uniqe: employer_id"));
    await refused(/stg_employers\.sql line 10: unknown test "uniqe" \(did you mean "unique"\?\); known tests: not_null, unique/);
  });

  test("a bad severity", async () => {
    s = await sandbox();
    s.edit("staging/stg_employers.sql", (t) => t.replace("  - unique: employer_id", "  - unique: employer_id\n    severity: fatal"));
    await refused(/stg_employers\.sql line 11: severity must be error \(stops downstream models\) or warn/);
  });

  test("a SQL syntax error, at its line", async () => {
    s = await sandbox();
    s.edit("core/employer_billed.sql", (t) => t.replace("GROUP BY employer_id", "GROUP employer_id"));
    await refused(/employer_billed\.sql line 20: SQL syntax error: syntax error at or near "employer_id"/);
  });

  test("a column that does not exist, found by DuckDB against the real catalog", async () => {
    s = await sandbox();
    s.edit("staging/stg_invoices.sql", (t) => t.replace("period, total_amount", "period, total_amt"));
    await refused(/stg_invoices\.sql line 14: Binder Error: Referenced column "total_amt" not found/);
  });

  test("a column a downstream model needs that its upstream no longer has", async () => {
    s = await sandbox();
    s.edit("staging/stg_employers.sql", (t) => t.replace("SELECT employer_id, status", "SELECT employer_id"));
    await refused(/(employer_summary|stg_employers)\.sql line \d+: .*status/);
  });

  test("a test over a column the model lacks, at the test's line", async () => {
    s = await sandbox();
    s.edit("staging/stg_invoices.sql", (t) => t.replace("  - unique: invoice_id", "  - unique: invoice_no"));
    await refused(/stg_invoices\.sql line 11: test unique\(invoice_no\): .*invoice_no.*; fix the test's columns or SQL/);
  });

  test("depends_on that does not list what the SQL reads", async () => {
    s = await sandbox();
    s.edit("staging/stg_employers.sql", (t) => t.replace("depends_on: [raw.employers]", "depends_on: [raw.invoices]"));
    await refused(
      /stg_employers\.sql line 15: reads raw\.employers but depends_on does not list it; add "raw\.employers" to depends_on \(.*line 5\)/,
    );
  });

  test("a parameter read but not declared, and a view reading a parameter", async () => {
    s = await sandbox();
    s.edit("core/employer_billed.sql", (t) => t.replace("params:\n  as_of: date\n", ""));
    await refused(/employer_billed\.sql line 15: getvariable\('as_of'\) is not declared; add "as_of: <type>" under params:/);
    s.close();
    s = await sandbox();
    s.edit("staging/stg_employers.sql", (t) => t.replace("WHERE _valid_to IS NULL", "WHERE _valid_from <= getvariable('as_of')"));
    await refused(
      /stg_employers\.sql line 16: a view reads getvariable\('as_of'\) when it is queried.*make this model materialized: table/,
    );
  });

  test("a model outside a layer folder, and an unknown layer", async () => {
    s = await sandbox();
    s.write("stray.sql", "SELECT 1");
    await refused(/stray\.sql line 1: a model must sit in a layer folder/);
    s.close();
    s = await sandbox();
    s.write("mart/x.sql", "SELECT 1");
    await refused(/unknown layer folder "mart" \(did you mean "marts"\?\)/);
  });

  test("a model without a header, and two statements", async () => {
    s = await sandbox();
    s.write("marts/bare.sql", "SELECT 1 AS x");
    await refused(/bare\.sql line 1: no header: start the file with a \/\* \.\.\. \*\/ comment/);
    s.write("marts/bare.sql", "/*\ndescription: x\ngrain: x\nmaterialized: table\n*/\nSELECT 1 AS x;\nSELECT 2 AS y;");
    await refused(/bare\.sql line 1: expected exactly one SELECT statement, found 2/);
  });
});
