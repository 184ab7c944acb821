// What an auditor can sample: the invoices as issued, or the money received (reversal rows are not
// receipts), each item with its amount, its employer's sector and region for strata, and the load and
// line it was delivered on, so a selected item can be pulled from the delivered file.
import type { DuckDBConnection } from "@duckdb/node-api";
import { ident, queryRows } from "../lib/duckdb.ts";
import { UserError } from "../lib/errors.ts";

export const POPULATIONS = {
  invoices: {
    key: "invoice_id",
    amount: "total_amount",
    sql: `SELECT i.* EXCLUDE (_row_hash), e.sector, e.region
          FROM raw.invoices AS i LEFT JOIN raw.employers_current AS e USING (employer_id)`,
  },
  payments: {
    key: "payment_id",
    amount: "amount",
    sql: `SELECT p.* EXCLUDE (_row_hash), e.sector, e.region FROM raw.payments AS p LEFT JOIN raw.employers_current AS e USING (employer_id)
          WHERE p.reverses_payment_id IS NULL`,
  },
} as const;

export type PopulationName = keyof typeof POPULATIONS;
export const isPopulation = (p: string): p is PopulationName => Object.hasOwn(POPULATIONS, p);

/**
 * The population as rows of item_id, employer_id, amount, stratum, _load_id, _line. `--strata` must name
 * one of the population's columns; it is checked against the table as it is, and the message lists them.
 */
export async function populationSql(connection: DuckDBConnection, name: PopulationName, strata: string | undefined): Promise<string> {
  const p = POPULATIONS[name];
  const exists = await queryRows(connection, "SELECT 1 FROM duckdb_tables() WHERE schema_name = 'raw' AND table_name = $t", { t: name });
  if (exists.length === 0) throw new UserError(`the warehouse holds no ${name} yet; run tahseel ingest first`);
  let stratum = "CAST(NULL AS VARCHAR)";
  if (strata !== undefined) {
    const columns = (await queryRows<{ column_name: string }>(connection, `DESCRIBE ${p.sql}`))
      .map((c) => c.column_name)
      .filter((c) => !c.startsWith("_"));
    if (!columns.includes(strata)) throw new UserError(`--strata ${strata} is not a column of ${name}; use one of ${columns.join(", ")}`);
    stratum = `coalesce(CAST(${ident(strata)} AS VARCHAR), '(none)')`;
  }
  return `SELECT CAST(${p.key} AS VARCHAR) AS item_id, employer_id, CAST(${p.amount} AS DECIMAL(18,2)) AS amount,
            ${stratum} AS stratum, _load_id, _line
          FROM (${p.sql})`;
}
