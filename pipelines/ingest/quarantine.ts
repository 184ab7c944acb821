// Rows that broke a rule go to audit.quarantine with their file, physical line, raw text and every
// reason; and the manifest's control total is checked over every row as delivered, quarantined ones too.
import type { DuckDBConnection } from "@duckdb/node-api";
import { join } from "node:path";
import { Decimal } from "decimal.js";
import { controlColumn, type EntityContract } from "../contracts/index.ts";
import { queryRows, sqlString } from "../lib/duckdb.ts";
import { parseHeader, type CsvStructure } from "./csv-structure.ts";
import type { LineMap } from "./line-map.ts";
import { readLines, type FileScan } from "./read-file.ts";
import { insertViaJson } from "./temp-table.ts";
import { STAGE_BASE } from "./validation-sql.ts";
import type { Delivery } from "./load-file.ts";

export interface DuckDbReject {
  line: number;
  message: string;
}

interface QuarantineRow {
  line: number;
  raw: string | null;
  reasons: string[];
  rules: string[];
}

/** Physical lines of data row `row`: one, or all of a record whose quoted field spans lines. */
function linesOfRow(structure: CsvStructure, row: number): number[] {
  const start = structure.lineOfRow(row);
  if (structure.regular || row + 1 >= structure.rows) return [start];
  const next = Math.min(structure.lineOfRow(row + 1), start + 2_000);
  return Array.from({ length: Math.max(1, next - start) }, (_, k) => start + k);
}

async function rawTexts(scan: FileScan, rows: number[]): Promise<Map<number, string>> {
  const spans = rows.map((r) => linesOfRow(scan.structure, r));
  const text = await readLines(scan.utf8Path, new Set(spans.flat()));
  const byRow = new Map<number, string>();
  rows.forEach((r, i) => {
    const joined = spans[i]!.map((l) => text.get(l) ?? "").join("\n").replace(/\n+$/, "");
    byRow.set(r, joined);
  });
  return byRow;
}

export async function writeQuarantine(args: {
  connection: DuckDBConnection;
  entity: EntityContract;
  delivery: Delivery;
  loadId: number;
  fileName: string;
  lineMap: LineMap;
  scan: FileScan;
  rejects: DuckDbReject[];
  workDir: string;
}): Promise<number> {
  const { connection, lineMap, scan } = args;
  const rows: QuarantineRow[] = scan.structure.malformed.map((m) => ({
    line: m.line, raw: m.raw, reasons: [`broken quoting: ${m.reason}`], rules: ["broken_quoting"],
  }));

  const rejectRows = args.rejects.map((r) => lineMap.rowOfRecord(r.line - 2));
  const failed = await queryRows<{ _rec: number; reasons: string[]; rules: string[] }>(
    connection,
    `SELECT _rec - ${STAGE_BASE} AS _rec, flatten(list(reasons)) AS reasons, flatten(list(rules)) AS rules FROM (
       SELECT _rec, reasons, rules FROM _reasons
       UNION ALL SELECT _rec, [reason], ['conflicting_key'] FROM _exclude WHERE fate = 'quarantine' AND reason IS NOT NULL)
     GROUP BY _rec ORDER BY _rec`,
  );
  const failedRows = lineMap.rowsOfParsed(failed.map((f) => f._rec));
  const texts = await rawTexts(scan, [...rejectRows, ...failedRows]);
  args.rejects.forEach((r, i) => {
    const row = rejectRows[i]!;
    rows.push({ line: scan.structure.lineOfRow(row), raw: texts.get(row) ?? null, reasons: [`wrong number of fields: ${r.message}`], rules: ["wrong_field_count"] });
  });
  failed.forEach((f, i) => {
    const row = failedRows[i]!;
    rows.push({ line: scan.structure.lineOfRow(row), raw: texts.get(row) ?? null, reasons: f.reasons, rules: f.rules });
  });

  const meta = [args.loadId, sqlString(args.delivery.id), sqlString(args.fileName), sqlString(args.entity.name)].join(", ");
  await insertViaJson(
    connection,
    "audit.quarantine",
    { line: "INTEGER", raw: "VARCHAR", reasons: "VARCHAR[]", rules: "VARCHAR[]" },
    rows.sort((a, b) => a.line - b.line),
    join(args.workDir, `${args.loadId}.quarantine.json`),
    `${meta}, line, raw, reasons, rules`,
  );
  return rows.length;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Sum of the control column over every data row as delivered: the parsed rows from DuckDB, plus the
 * rows it could not parse (read leniently from their raw text, where the field still holds a number).
 */
export async function controlTotalOf(
  connection: DuckDBConnection,
  entity: EntityContract,
  header: string[],
  lineMap: LineMap,
  rejects: DuckDbReject[],
  scan: FileScan,
): Promise<string | null> {
  const column = controlColumn(entity);
  if (!column) return null;
  const [{ total }] = (await queryRows<{ total: string | null }>(connection, "SELECT sum(_control) AS total FROM _stage")) as [{ total: string | null }];
  let sum = new Decimal(total ?? 0);
  const index = header.indexOf(column);
  const unparsed = new Map<number, string>(scan.structure.malformed.map((m) => [m.row, m.raw]));
  const rejectRows = rejects.map((r) => lineMap.rowOfRecord(r.line - 2));
  for (const [row, text] of await rawTexts(scan, rejectRows)) unparsed.set(row, text);
  for (const text of unparsed.values()) {
    const field = parseHeader(text)[index]?.trim();
    if (field !== undefined && NUMBER.test(field)) sum = sum.plus(field);
  }
  return sum.toFixed();
}
