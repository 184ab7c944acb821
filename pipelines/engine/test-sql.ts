// Each declared test as one query returning the rows that break it; zero rows means it passes.
// Column names and values come from the model's header (code under review), quoted as identifiers
// and literals.
import { ident, sqlString } from "../lib/duckdb.ts";
import { qualified } from "./model.ts";
import type { TestSpec } from "./test-spec.ts";

/**
 * A custom test file or model body as a subquery: the trailing `;` dropped, a newline before `)` so a final `--` comment cannot swallow it.
 */
export function asSubquery(sql: string): string {
  return `${sql.replace(/;(\s|--[^\n]*(\n|$))*$/, "")}\n`;
}

const halalas = (sumExpr: string) => `CAST(coalesce(sum(${sumExpr}), 0) AS DECIMAL(38,2))`;

export function failingRowsSql(modelId: string, test: TestSpec): string {
  const t = qualified(modelId);
  switch (test.kind) {
    case "not_null":
      return `SELECT * FROM ${t} WHERE ${ident(test.column)} IS NULL`;
    case "unique": {
      const cols = test.columns.map(ident).join(", ");
      return `SELECT ${cols}, count(*) AS occurrences FROM ${t} GROUP BY ${cols} HAVING count(*) > 1`;
    }
    case "accepted_values": {
      const values = test.values.map((v) => sqlString(String(v))).join(", ");
      return `SELECT * FROM ${t} WHERE ${ident(test.column)} IS NOT NULL AND CAST(${ident(test.column)} AS VARCHAR) NOT IN (${values})`;
    }
    case "relationships":
      return (
        `SELECT child.* FROM ${t} AS child WHERE child.${ident(test.column)} IS NOT NULL AND NOT EXISTS ` +
        `(SELECT 1 FROM ${qualified(test.to)} AS parent WHERE parent.${ident(test.field)} = child.${ident(test.column)})`
      );
    case "expression":
      return `SELECT * FROM ${t} WHERE NOT coalesce((${test.sql}\n), false)`;
    case "reconciles":
      return reconcileSql(t, test);
    case "custom":
      return asSubquery(test.sql);
  }
}

/** Two sums that must agree to the halala, overall or per group (`by`); a failing row is a group that differs. */
function reconcileSql(t: string, test: Extract<TestSpec, { kind: "reconciles" }>): string {
  const by = test.by.map(ident);
  const keys = by.length ? `${by.join(", ")}, ` : "";
  const group = by.length ? ` GROUP BY ${by.join(", ")}` : "";
  const where = (w?: string) => (w ? ` WHERE (${w}\n)` : "");
  const left = `SELECT ${keys}${halalas(test.sum)} AS model_total FROM ${t}${where(test.where)}${group}`;
  const other = `${qualified(test.equals.model)}${where(test.equals.where)}`;
  const right = `SELECT ${keys}${halalas(test.equals.sum)} AS other_total FROM ${other}${group}`;
  // NULL keys are a group like any other: matched with IS NOT DISTINCT FROM, not USING.
  const join = by.length ? `l FULL OUTER JOIN r ON ${by.map((k) => `l.${k} IS NOT DISTINCT FROM r.${k}`).join(" AND ")}` : "l CROSS JOIN r";
  const groupKeys = by.map((k) => `coalesce(l.${k}, r.${k}) AS ${k}, `).join("");
  return (
    `WITH l AS (${left}), r AS (${right}) ` +
    `SELECT ${groupKeys}coalesce(model_total, 0) AS model_total, coalesce(other_total, 0) AS other_total, ` +
    `coalesce(model_total, 0) - coalesce(other_total, 0) AS difference FROM ${join} ` +
    `WHERE coalesce(model_total, 0) <> coalesce(other_total, 0)`
  );
}
