// Rows that broke a rule go to audit.quarantine with their file, physical line, raw text and every
// reason; and the manifest's control total is checked over every row as delivered, quarantined ones too.
import type { DuckDBConnection } from "@duckdb/node-api";
import { join } from "node:path";
import { Decimal } from "decimal.js";
import { controlColumn, type EntityContract } from "../contracts/index.ts";
import { ident, queryRows, sqlString } from "../lib/duckdb.ts";
import { parseHeader, type CsvStructure } from "./csv-structure.ts";
import { NUMBER_PREFIX } from "./fast-path/numbered-copy.ts";
import { readLines, type FileScan } from "./fast-path/read-file.ts";

/** What the quarantine reads of a file's scan: its structure and its numbered copy. */
type Scanned = Pick<FileScan, "structure" | "numberedPath">;
import { insertViaJson } from "./json-insert.ts";
import { BAD, DROP } from "./temp-table.ts";
import { badRowsSql, CONTROL_NUMBER } from "./validation-sql.ts";
import type { Delivery } from "./deliveries.ts";

export type DuckDbReject = {
  /** Physical line of the delivered file the record starts on. */
  line: number;
  message: string;
  /** Past DuckDB's maximum record size (2 MiB), not a field-count problem. */
  too_long: boolean;
  /** Bytes that are no UTF-8 in a file its manifest calls utf-8, and the (first) column holding them. */
  not_utf8: boolean;
  not_utf8_column: string | null;
};

/**
 * The records DuckDB's reader rejected, one row each. DuckDB's own `line` skips the line breaks inside
 * quoted fields and so drifts from the physical line; the numbered copy's prefix in front of the
 * rejected text is the physical line itself (negative where the scan did not vouch for the line).
 */
export function rejectedRecordsSql(rejectsTable: string): string {
  return `SELECT TRY_CAST(regexp_extract(csv_line, '${NUMBER_PREFIX}', 1) AS INTEGER) AS line, min(error_message) AS message,
      bool_or(error_type = 'LINE SIZE OVER MAXIMUM') AS too_long, bool_or(error_type = 'INVALID ENCODING') AS not_utf8,
      min(column_name) FILTER (error_type = 'INVALID ENCODING') AS not_utf8_column
    FROM ${rejectsTable} GROUP BY ALL ORDER BY line`;
}

/** DuckDB counts the numbered copy's line column among the fields; the delivered row has one fewer. */
function fieldCountReason(message: string): string {
  const counts = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (!counts) return `wrong number of fields: ${message}`;
  return `wrong number of fields: the header has ${Number(counts[1]) - 1}, this row ${Number(counts[2]) - 1}`;
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

export async function rawTexts(scan: Scanned, rows: number[]): Promise<Map<number, string>> {
  const spans = rows.map((r) => linesOfRow(scan.structure, r));
  const text = await readLines(scan.numberedPath, new Set(spans.flat()));
  const byRow = new Map<number, string>();
  rows.forEach((r, i) => {
    const joined = spans[i]!.map((l) => text.get(l) ?? "")
      .join("\n")
      .replace(/\n+$/, "");
    byRow.set(r, joined);
  });
  return byRow;
}

/** Writes the file's rejected rows, each with every reason it broke; returns their lines. */
export async function writeQuarantine(args: {
  connection: DuckDBConnection;
  entity: EntityContract;
  delivery: Delivery;
  loadId: number;
  fileName: string;
  scan: Scanned;
  rejects: DuckDbReject[];
  /** Raw text of the records DuckDB rejected, by data row (read once, for the control total too). */
  rejectTexts: Map<number, string>;
  /** Whether `_bad` (rows failing a column or row rule) was built. */
  hasBad: boolean;
  workDir: string;
}): Promise<number[]> {
  const { connection, scan, entity } = args;
  const rows: QuarantineRow[] = scan.structure.malformed.map((m) => ({
    line: m.line,
    raw: m.raw,
    reasons: [m.rule ? m.reason : `broken quoting: ${m.reason}`],
    rules: [m.rule ?? "broken_quoting"],
  }));
  const rejectRows = args.rejects.map((r) => scan.structure.rowAtLine(r.line));
  const bad = args.hasBad
    ? await queryRows<{ _line: number; reasons: string[]; rules: string[] }>(
        connection,
        `${badRowsSql(entity, args.delivery.day, args.loadId)} ORDER BY _line`,
      )
    : [];
  const badRows = bad.map((b) => scan.structure.rowAtLine(b._line));
  // Rows dropped after insertion (references, key conflicts) already carry their physical line.
  const dropped = await queryRows<{ line: number; reasons: string[]; rules: string[] }>(
    connection,
    `SELECT line, list(reason ORDER BY rule) AS reasons, list(rule ORDER BY rule) AS rules FROM ${DROP} WHERE fate = 'quarantine'
        GROUP BY line`,
  );
  const droppedRows = dropped.map((d) => scan.structure.rowAtLine(d.line));
  const texts = new Map([...args.rejectTexts, ...(await rawTexts(scan, [...badRows, ...droppedRows]))]);
  args.rejects.forEach((r, i) => {
    const row = rejectRows[i]!;
    const [reason, rule] = r.too_long
      ? [`record longer than 2 MiB: ${r.message}`, "record_too_long"]
      : r.not_utf8
        ? [`${r.not_utf8_column ?? "a field"}: not UTF-8 text, though the manifest says utf-8: ${r.message}`, "not_utf8"]
        : [fieldCountReason(r.message), "wrong_field_count"];
    rows.push({ line: r.line, raw: texts.get(row) ?? null, reasons: [reason], rules: [rule] });
  });
  bad.forEach((b, i) => {
    const row = badRows[i]!;
    rows.push({ line: b._line, raw: texts.get(row) ?? null, reasons: b.reasons, rules: b.rules });
  });
  for (const [i, d] of dropped.entries()) {
    rows.push({ line: d.line, raw: texts.get(droppedRows[i]!) ?? null, reasons: d.reasons, rules: d.rules });
  }

  const meta = [args.loadId, sqlString(args.delivery.id), sqlString(args.fileName), sqlString(entity.name)].join(", ");
  await insertViaJson(
    connection,
    "audit.quarantine",
    { line: "INTEGER", raw: "VARCHAR", reasons: "VARCHAR[]", rules: "VARCHAR[]" },
    rows.sort((a, b) => a.line - b.line),
    join(args.workDir, `${args.loadId}.quarantine.json`),
    `${meta}, line, raw, reasons, rules`,
  );
  return rows.map((r) => r.line);
}

const NUMBER = new RegExp(`^${CONTROL_NUMBER}$`);

/**
 * Sum of the control column over every data row as delivered: the parsed rows from DuckDB, plus the
 * rows it could not parse (read leniently from their raw text, where the field still holds a number).
 */
export async function controlTotalOf(
  connection: DuckDBConnection,
  entity: EntityContract,
  header: string[],
  rejectTexts: Map<number, string>,
  scan: Scanned,
  parts: { loadId: number; hasBad: boolean },
): Promise<string | null> {
  const column = controlColumn(entity);
  if (!column) return null;
  const [{ total }] = (await queryRows<{ total: string | null }>(
    connection,
    `SELECT
      (SELECT coalesce(sum(${ident(column)}), 0) FROM raw.${ident(entity.name)} WHERE _load_id = ${parts.loadId})
      ${parts.hasBad ? `+ (SELECT coalesce(sum(_control), 0) FROM ${BAD})` : ""} AS total`,
  )) as [{ total: string | null }];
  let sum = new Decimal(total ?? 0);
  const index = header.indexOf(column);
  const unparsed = new Map<number, string>(scan.structure.malformed.map((m) => [m.row, m.raw]));
  for (const [row, text] of rejectTexts) unparsed.set(row, text);
  for (const text of unparsed.values()) {
    const field = parseHeader(text)[index]?.trim();
    if (field !== undefined && NUMBER.test(field)) sum = sum.plus(field);
  }
  return sum.toFixed();
}
