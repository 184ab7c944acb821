// What a piece of SQL reads, found by DuckDB's own parser (json_serialize_sql) rather than by regex:
// every schema-qualified table and every getvariable('name'), each with the file line it is on.
// All texts are parsed in one round trip so discovery stays cheap for hundreds of models.
import { listValue, LIST, VARCHAR, type DuckDBConnection } from "@duckdb/node-api";
import { UserError } from "../lib/errors.ts";

export interface SqlText {
  text: string;
  file: string;
  /** File line of the text's first line (a query inside a header starts further down). */
  firstLine: number;
}

export interface ParsedSql {
  tables: { schema: string; table: string; catalog: string; line: number }[];
  /** Names bound by WITH: unqualified references to them are not tables. */
  ctes: Set<string>;
  variables: { name: string; line: number }[];
}

export async function parseSqlTexts(connection: DuckDBConnection, texts: readonly SqlText[]): Promise<ParsedSql[]> {
  if (texts.length === 0) return [];
  const reader = await connection.runAndReadAll(
    "SELECT json_serialize_sql(s) AS tree FROM (SELECT unnest($texts) AS s, generate_subscripts($texts, 1) AS i) ORDER BY i",
    { texts: listValue(texts.map((t) => t.text)) },
    { texts: LIST(VARCHAR) },
  );
  return reader.getRows().map((row, i) => interpret(String(row[0]), texts[i]!));
}

function interpret(json: string, source: SqlText): ParsedSql {
  const tree = JSON.parse(json) as {
    error: boolean;
    error_message?: string;
    error_type?: string;
    position?: string;
    statements?: unknown[];
  };
  const lineAt = (byteOffset: number) => source.firstLine - 1 + lineOfByte(source.text, byteOffset);
  if (tree.error) {
    const position = tree.position === undefined ? undefined : Number(tree.position);
    if (tree.error_type === "not implemented")
      throw new UserError("a model (or test) is one SELECT statement; the engine itself creates the table or view — remove CREATE/INSERT", {
        at: { file: source.file, line: source.firstLine },
      });
    throw new UserError(`SQL syntax error: ${tree.error_message}; fix the SQL on this line`, {
      at: { file: source.file, line: position === undefined ? source.firstLine : lineAt(position) },
    });
  }
  if ((tree.statements?.length ?? 0) !== 1)
    throw new UserError(
      `expected exactly one SELECT statement, found ${tree.statements?.length ?? 0}; remove the extra statements (and the ; between them)`,
      {
        at: { file: source.file, line: source.firstLine },
      },
    );
  const parsed: ParsedSql = { tables: [], ctes: new Set(), variables: [] };
  walk(tree.statements, (node) => {
    if (node.type === "BASE_TABLE" && typeof node.table_name === "string")
      parsed.tables.push({
        schema: String(node.schema_name ?? ""),
        table: node.table_name,
        catalog: String(node.catalog_name ?? ""),
        line: lineAt(Number(node.query_location ?? 0)),
      });
    const cteMap = (node.cte_map as { map?: { key: string }[] } | undefined)?.map;
    for (const cte of cteMap ?? []) parsed.ctes.add(cte.key);
    if (node.class === "FUNCTION" && node.function_name === "getvariable") {
      const arg = (node.children as { class?: string; value?: { value?: unknown } }[] | undefined)?.[0];
      if (arg?.class === "CONSTANT" && typeof arg.value?.value === "string")
        parsed.variables.push({ name: arg.value.value, line: lineAt(Number(node.query_location ?? 0)) });
      else
        throw new UserError("getvariable() must name its parameter with a constant string, e.g. getvariable('as_of')", {
          at: { file: source.file, line: lineAt(Number(node.query_location ?? 0)) },
        });
    }
  });
  return parsed;
}

type TreeNode = Record<string, unknown>;

function walk(value: unknown, visit: (node: TreeNode) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === "object") {
    visit(value as TreeNode);
    for (const v of Object.values(value)) if (v && typeof v === "object") walk(v, visit);
  }
}

/** DuckDB reports positions in bytes of the UTF-8 text; Arabic literals make that differ from characters. */
function lineOfByte(text: string, byteOffset: number): number {
  if (!Number.isFinite(byteOffset) || byteOffset > 1e12) return 1;
  return Buffer.from(text, "utf8").subarray(0, byteOffset).toString("utf8").split("\n").length;
}

/** The file line DuckDB's error message points at ("LINE 3: ..."), when it gives one. */
export function lineFromDuckdbMessage(message: string, firstLine = 1): number | undefined {
  const m = /LINE (\d+):/.exec(message);
  return m ? firstLine - 1 + Number(m[1]) : undefined;
}

/** DuckDB's message without the echoed source lines and caret, for one-line reports. */
export function shortDuckdbMessage(message: string): string {
  return message
    .split("\n")
    .filter((l) => l.trim() && !/^LINE \d+:/.test(l) && !/^\s*\^\s*$/.test(l))
    .join(" ")
    .trim();
}
