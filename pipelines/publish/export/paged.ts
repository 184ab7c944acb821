// Lists that grow with the number of employers (suspension candidates, invoices with a difference,
// coverage gaps…) are written as pages of a fixed number of rows, so no file a page fetches grows
// with the fund. The page shows the first and fetches the next ones — or all of them for the CSV —
// when the reader asks (dashboards/components/paged.ts), so the whole list stays reachable.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import type { DataFiles } from "../data-files.ts";
import type { PagedList } from "../page-data/paged.ts";

/** Rows per page: a page of the widest list (names in two languages, amounts as text) stays near 0.5 MB. */
export const PAGE_ROWS = 2000;

export type { PagedList };

/** Writes `rows` as `<base>/<n>.json` shards ({ total, pages, page, rows }); an empty list is one empty page. */
export function writePaged(shards: DataFiles, base: string, rows: readonly unknown[], pageRows = PAGE_ROWS): PagedList {
  const pages = Math.max(1, Math.ceil(rows.length / pageRows));
  for (let page = 0; page < pages; page++)
    shards.write(`${base}/${page}.json`, {
      total: rows.length,
      pages,
      page,
      rows: rows.slice(page * pageRows, (page + 1) * pageRows),
    });
  return { base, total: rows.length, pages };
}

/**
 * The same pages made by DuckDB from a query too long to hold in memory: `rowsSql` gives `rn` (the
 * 1-based position) and `r` (the row as a STRUCT); each page's rows are joined into JSON in SQL.
 */
export async function writePagedQuery(
  connection: DuckDBConnection,
  shards: DataFiles,
  base: string,
  rowsSql: string,
  pageRows = PAGE_ROWS,
): Promise<PagedList> {
  const [count] = await queryRows<{ n: number }>(connection, `SELECT count(*)::INTEGER AS n FROM (${rowsSql})`);
  const total = count?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageRows));
  if (total === 0) return writePaged(shards, base, []);
  const result = await connection.stream(
    `SELECT ((rn - 1) // ${pageRows})::INTEGER AS page, to_json(list(r ORDER BY rn))::VARCHAR AS doc FROM (${rowsSql}) GROUP BY page
        ORDER BY page`,
  );
  for await (const rows of result.yieldRows())
    for (const [page, doc] of rows)
      shards.writeJson(`${base}/${page}.json`, `{"total":${total},"pages":${pages},"page":${page},"rows":${doc}}`);
  return { base, total, pages };
}
