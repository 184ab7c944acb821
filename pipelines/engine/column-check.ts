// The header's columns against what the model really produces, and a relationships test's columns
// against the tables it joins. Both are checked once DuckDB knows the shapes (the probe of
// validate.ts, or the table a TypeScript model made), so a typo under `columns:` or in `field:` is
// refused with the model, the column and the closest real name, before anything is built.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../lib/duckdb.ts";
import { UserError } from "../lib/errors.ts";
import { columnDocs } from "./header.ts";
import { closest } from "./located-yaml.ts";
import type { Model } from "./model.ts";
import type { TestSpec } from "./test-spec.ts";

/** The columns of a table or view as the open transaction sees it, in order; empty when it does not exist. */
export async function relationColumns(connection: DuckDBConnection, id: string): Promise<string[]> {
  const [schema, table] = id.split(".");
  if (!schema || !table) return [];
  const rows = await queryRows<{ column_name: string }>(
    connection,
    `SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = $schema AND table_name = $table
     ORDER BY column_index`,
    { schema, table },
  );
  return rows.map((r) => r.column_name);
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/**
 * Where the header documents columns, they must be exactly the columns the model produces: a documented
 * column it does not produce (usually a typo) and a produced column left undocumented are both named.
 * Returns the problem as text when the header says `columns_check: warn`; throws it otherwise.
 */
export function checkDocumentedColumns(model: Model, produced: readonly string[]): string | undefined {
  const documented = columnDocs(model.header).map((c) => c.name);
  if (documented.length === 0 || produced.length === 0) return undefined;
  const missing = documented.filter((c) => !produced.includes(c));
  const undocumented = produced.filter((c) => !documented.includes(c));
  if (missing.length === 0 && undocumented.length === 0) return undefined;
  const parts = missing.map((c) => {
    const suggestion = closest(c, undocumented.length ? undocumented : produced);
    return `columns.${c} is documented but ${model.id} produces no column "${c}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`;
  });
  if (undocumented.length)
    parts.push(`${model.id} produces ${quoted(undocumented)} but columns: does not document ${undocumented.length === 1 ? "it" : "them"}`);
  const fix = "make columns: list exactly what the SELECT returns (rename or remove the key, or add the column with its description)";
  const message = `${parts.join("; ")}; ${fix}`;
  const line = model.located.lineAt(missing.length ? ["columns", missing[0]!] : ["columns"]);
  if (model.header.columns_check === "warn") return `${model.file} line ${line}: ${message} (columns_check: warn)`;
  throw new UserError(`${message}; or set columns_check: warn in the header while the model is in draft`, {
    at: { file: model.file, line },
  });
}

/**
 * A relationships test joins its model's `column` to `to`.`field`; when either column is missing DuckDB only
 * says `Referenced table "parent" not found`, so the columns are looked up first and a missing one is named
 * with the model's real columns.
 */
export async function checkRelationshipColumns(connection: DuckDBConnection, modelId: string, test: TestSpec): Promise<void> {
  if (test.kind !== "relationships") return;
  const sides = [
    { key: "column", name: test.column, relation: modelId },
    { key: "field", name: test.field, relation: test.to },
  ];
  for (const side of sides) {
    const columns = await relationColumns(connection, side.relation);
    // An unknown relation is DuckDB's to report (with its own candidates): only a missing column is ours.
    if (columns.length === 0 || columns.includes(side.name)) continue;
    const suggestion = closest(side.name, columns);
    const implicit =
      side.key === "field" && test.field === test.column ? ` (no field: given, so it defaults to column: ${test.column})` : "";
    throw new UserError(
      `test ${test.name}: relationships.${side.key} "${side.name}"${implicit} is not a column of ${side.relation}` +
        `${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; its columns are ${columns.join(", ")}`,
      { at: { file: test.file, line: test.line } },
    );
  }
}
