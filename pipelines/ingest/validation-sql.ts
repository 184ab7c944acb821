// The row rules of a contract, as DuckDB SQL. One fused query reads the CSV as text and writes typed
// values plus a verdict; the reasons are spelled out afterwards for the (few) rows that fail.
import { columnsOf, controlColumn, type ColumnContract, type EntityContract } from "../contracts/index.ts";
import { numberOf, readsNumber, ruleSql, typedExpression, type ColumnRule } from "../contracts/columns.ts";
import type { RowRule } from "../contracts/entity.ts";
import { ident, sqlString } from "../lib/duckdb.ts";
import { LINE_COLUMN, lineSql, vouchedSql } from "./fast-path/numbered-copy.ts";
import { BAD, DROP } from "./temp-table.ts";

const raw = (c: ColumnContract) => ident(`${c.name}`);

/** Whether the scan checks the rule (line-check.ts), so that a line it vouched for meets it. */
const scanned = (r: ColumnRule | RowRule<unknown>) => ("pattern" in r && r.pattern !== undefined) || r.scan !== undefined;

/** TRUE when the column's text meets every rule the scan checks (NULL only where nullable): what a line it vouched for meets. */
function scannedOk(c: ColumnContract, v: string, t: string, n: string): string {
  const rules = c.rules.filter(scanned).map((r) => `coalesce(${ruleSql(r, v, t, n)}, false)`);
  return `CASE WHEN ${v} IS NULL THEN ${c.nullable} ELSE (${rules.length ? rules.join(" AND ") : "true"}) END`;
}

/** TRUE when a present text meets the column's rules the scan does not check (a range); null for a column without such rules. */
function othersOk(c: ColumnContract, v: string, t: string, n: string): string | null {
  const rules = c.rules.filter((r) => !scanned(r)).map((r) => `coalesce(${ruleSql(r, v, t, n)}, false)`);
  return rules.length ? `(${v} IS NULL OR (${rules.join(" AND ")}))` : null;
}

/** The row rule's SQL over typed columns; a NULL operand (an unparsed value) counts as holding. */
function rowRuleSql(sql: string, typed: (name: string) => string): string {
  return `coalesce(${sql.replace(/\{(\w+)\}/g, (_, name: string) => typed(name))}, true)`;
}

export interface ParsedSqlInput {
  entity: EntityContract;
  /** A numbered copy (numbered-copy.ts): the delivered header behind the line column. */
  csvPath: string;
  /** The delivered header. */
  header: string[];
  /** Its physical line: the lines before it are blank, and DuckDB is told to skip them. */
  headerLine: number;
  rejectsTable: string;
  rejectsScan: string;
  deliveryDay: string;
  /** False evaluates every rule on every line, vouched for or not (for the tests of what the scan vouches for). */
  trustScan?: boolean;
}

/**
 * The CSV reader over the numbered copy: the line, every delivered column as VARCHAR, strict RFC 4180, bad
 * records to a rejects table. Columns the contract does not know are read under their position
 * (`_extra_12`): DuckDB cannot name a column "" and takes names that differ only in case for the same.
 */
export function readCsvSql({ entity, csvPath, header, headerLine, rejectsTable, rejectsScan }: ParsedSqlInput): string {
  const known = new Set(columnsOf(entity).map((c) => c.name));
  const names = header.map((h, i) => (known.has(h) ? h : `_extra_${i + 1}`));
  const columns = [`${sqlString(LINE_COLUMN)}: 'INTEGER'`, ...names.map((h) => `${sqlString(h)}: 'VARCHAR'`)].join(", ");
  return `read_csv(${sqlString(csvPath)}, header = true, skip = ${headerLine - 1}, auto_detect = false, columns = {${columns}},
    delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false,
    store_rejects = true, rejects_table = ${sqlString(rejectsTable)}, rejects_scan = ${sqlString(rejectsScan)})`;
}

/** Columns whose typed value is a cast of the text: cast once, in an inner projection, and reused. */
const isCast = (c: ColumnContract) => c.duckdbType !== "VARCHAR";
const castAlias = (c: ColumnContract) => ident(`_t_${c.name}`);
/** The text as a number (`{n}` of the rules), computed beside the casts for the columns whose rules read it. */
const numberAlias = (c: ColumnContract) => (readsNumber(c) ? ident(`_n_${c.name}`) : numberOf(raw(c)));
/** The typed value of a column inside `parsedSql`: its precomputed cast, or the text itself. */
const typedRef = (c: ColumnContract) => (isCast(c) ? castAlias(c) : raw(c));

/**
 * TRUE when every column rule and row rule holds, over the texts and the precomputed casts of one record.
 * The rules the scan checks are not evaluated for a line it vouched for (`_vouched`, line-check.ts): DuckDB
 * evaluates a branch of OR only for the rows the first one leaves false.
 */
function okExpression(entity: EntityContract, deliveryDay: string): string {
  const cols = columnsOf(entity);
  const typedOf = (name: string) => {
    const c = cols.find((x) => x.name === name);
    if (!c) throw new Error(`row rule of ${entity.name} names unknown column ${name}`);
    return typedRef(c);
  };
  const rowRule = (r: RowRule<unknown>) => rowRuleSql(r.sql, typedOf).replaceAll("$delivery_day", `DATE '${deliveryDay}'`);
  const vouched = [...cols.map((c) => scannedOk(c, raw(c), typedRef(c), numberAlias(c))), ...entity.rowRules.filter(scanned).map(rowRule)];
  const others = [
    ...cols.flatMap((c) => othersOk(c, raw(c), typedRef(c), numberAlias(c)) ?? []),
    ...entity.rowRules.filter((r) => !scanned(r)).map(rowRule),
  ];
  return [`(_vouched OR (${vouched.join("\n AND ")}))`, ...others.map((o) => `(${o})`)].join("\n AND ");
}

/** Every record DuckDB parsed: line, texts, casts, and `_ok` (every column and row rule holds). */
export function parsedSql(input: ParsedSqlInput): string {
  const cols = columnsOf(input.entity);
  const casts = [
    ...cols.filter(isCast).map((c) => `, ${typedExpression(c, raw(c))} AS ${castAlias(c)}`),
    ...cols.filter(readsNumber).map((c) => `, ${numberOf(raw(c))} AS ${numberAlias(c)}`),
  ].join("");
  const line = ident(LINE_COLUMN);
  return `(SELECT *, ${okExpression(input.entity, input.deliveryDay)} AS _ok
    FROM (SELECT ${lineSql(line)} AS _line, ${input.trustScan === false ? "false" : vouchedSql(line)} AS _vouched,
      ${cols.map(raw).join(", ")}${casts} FROM ${readCsvSql(input)}))`;
}

/** Typed values of the contract's columns, from a `parsedSql` row. */
export function typedColumnsSql(entity: EntityContract): string {
  return columnsOf(entity)
    .map((c) => `${typedRef(c)} AS ${ident(c.name)}`)
    .join(", ");
}

/** Typed values of the contract's columns, cast from the texts in a struct (the failed rows of `_bad`). */
function typedFromStruct(entity: EntityContract, struct: string): string {
  return columnsOf(entity)
    .map((c) => `${typedExpression(c, `${struct}.${raw(c)}`)} AS ${ident(c.name)}`)
    .join(", ");
}

/** A 64-bit hash of the field texts in contract order: "exactly the same field texts" without keeping them. */
export function rowHashOf(entity: EntityContract): string {
  return `hash(${columnsOf(entity)
    .map((c) => `coalesce(${raw(c)}, chr(0))`)
    .join(", ")})`;
}

/**
 * What counts toward a control total in a row that failed its rules: a plain decimal number (spaces around
 * it aside). The same test is applied to the rows DuckDB could not parse (quarantine.ts), so one text
 * counts alike whichever way its row failed.
 */
export const CONTROL_NUMBER = "-?\\d+(\\.\\d+)?";

/**
 * What `_bad` (temp-table.ts) holds: the records that failed a column or row rule, with their line, texts,
 * typed values and control value as delivered: a second read of the file, keeping only those.
 */
export function badRowsQuery(input: ParsedSqlInput): string {
  const cols = columnsOf(input.entity);
  const control = controlColumn(input.entity);
  const text = control ? `trim(_bad_raw.${ident(control)})` : "";
  const controlValue = control
    ? `CASE WHEN regexp_full_match(${text}, '${CONTROL_NUMBER}') THEN try_cast(${text} AS DECIMAL(38,6)) END`
    : "NULL::DECIMAL(38,6)";
  return `SELECT _line, _bad_raw, ${typedFromStruct(input.entity, "_bad_raw")},
      ${controlValue} AS _control
    FROM (SELECT _line, struct_pack(${cols.map((c) => `${ident(c.name)} := ${raw(c)}`).join(", ")}) AS _bad_raw
      FROM ${parsedSql(input)} WHERE NOT _ok)`;
}

const quoteValue = (v: string) => `' (got "' || left(replace(${v}, '"', '\\"'), 60) || '")'`;

/** Reasons (messages and rule codes) for the rows of `_bad`. */
export function badRowsSql(entity: EntityContract, deliveryDay: string, loadId: number): string {
  const cols = columnsOf(entity);
  const messages: string[] = [];
  const codes: string[] = [];
  for (const c of cols) {
    const v = `_bad_raw.${ident(c.name)}`;
    const t = typedExpression(c, v);
    const whenNull = c.nullable ? "NULL" : `'${c.name}: required, but empty'`;
    const codeNull = c.nullable ? "NULL" : `'required:${c.name}'`;
    const branches = c.rules.map(
      (r) => `WHEN NOT coalesce(${ruleSql(r, v, t)}, false) THEN ${sqlString(`${c.name}: ${r.message}`)} || ${quoteValue(v)}`,
    );
    const codeBranches = c.rules.map((r) => `WHEN NOT coalesce(${ruleSql(r, v, t)}, false) THEN ${sqlString(`${r.code}:${c.name}`)}`);
    messages.push(`CASE WHEN ${v} IS NULL THEN ${whenNull} ${branches.join(" ")} END`);
    codes.push(`CASE WHEN ${v} IS NULL THEN ${codeNull} ${codeBranches.join(" ")} END`);
  }
  for (const r of entity.rowRules) {
    const failed = `NOT ${rowRuleSql(r.sql, (name) => ident(name)).replaceAll("$delivery_day", `DATE '${deliveryDay}'`)}`;
    messages.push(`CASE WHEN ${failed} THEN ${sqlString(r.message)} END`);
    codes.push(`CASE WHEN ${failed} THEN ${sqlString(r.code)} END`);
  }
  // A broken row's references are checked too ("every rule it broke"), as for a row that loads.
  for (const c of cols.filter((x) => x.references)) {
    const value = `${BAD}.${ident(c.name)}`;
    const broken = `${value} IS NOT NULL AND NOT ${referenceHolds(entity, loadId, c, value, `${BAD}._line`)}`;
    messages.push(`CASE WHEN ${broken} THEN ${referenceReason(c, value)} END`);
    codes.push(`CASE WHEN ${broken} THEN ${sqlString(`unknown_reference:${c.name}`)} END`);
  }
  return `SELECT _line,
      list_filter([${messages.join(",\n ")}], x -> x IS NOT NULL) AS reasons,
      list_filter([${codes.join(",\n ")}], x -> x IS NOT NULL) AS rules
    FROM ${BAD}`;
}

/** The other entities this one's references point into, through the columns not `proven` (run-keys.ts). */
export function referencedEntities(entity: EntityContract, proven: ReadonlySet<string> = new Set()): string[] {
  const crossing = columnsOf(entity).filter((c) => c.references && c.references.entity !== entity.name && !proven.has(c.name));
  return [...new Set(crossing.map((c) => c.references!.entity))];
}

/** How many rows this load inserted, and how many each referenced entity holds. */
export interface ReferenceSizes {
  inserted: number;
  rows: ReadonlyMap<string, number>;
}

/**
 * Rows of this load whose references point at no row loaded before them (an earlier load, or an earlier
 * line of this file); the `proven` columns (run-keys.ts) need no look. The keys of an entity many times larger than this load are first
 * narrowed to the
 * ones this load names, so that a daily file of a few thousand payments hashes those instead of every
 * account (0.11 s → 0.05 s a file). Measured at national scale, narrowing paid at 24 and 46 times the
 * load's rows, gained nothing at three times and cost at twice.
 */
export function brokenReferencesSql(
  entity: EntityContract,
  loadId: number,
  sizes: ReferenceSizes,
  proven: ReadonlySet<string>,
): string | null {
  const refs = columnsOf(entity).filter((c) => c.references && !proven.has(c.name));
  if (refs.length === 0) return null;
  const narrow = (name: string) => (sizes.rows.get(name) ?? 0) > 8 * sizes.inserted;
  const parts = refs.map((c) => {
    const ref = c.references!;
    const col = ident(c.name);
    const known =
      ref.entity === entity.name
        ? `NOT ${referenceHolds(entity, loadId, c, `s.${col}`, "s._line")}`
        : // NOT IN over the key column (never NULL in raw) is a hash anti-join; a correlated NOT EXISTS was 4x slower.
          `s.${col} NOT IN (SELECT ${ident(ref.column)} FROM raw.${ident(ref.entity)}${
            narrow(ref.entity)
              ? ` WHERE ${ident(ref.column)} IN (SELECT ${col} FROM raw.${ident(entity.name)} WHERE _load_id = ${loadId})`
              : ""
          })`;
    return brokenReferenceRows(entity, loadId, c, known);
  });
  return parts.join("\nUNION ALL\n");
}

const QUARANTINED_LINES = `(SELECT line FROM ${DROP} WHERE fate = 'quarantine')`;

/**
 * TRUE when `value`, in column `c` of the row of this load on `line`, names a row loaded before it: from an
 * earlier load, or, in the entity itself, from an earlier line of this file that `_drop` does not quarantine.
 */
function referenceHolds(entity: EntityContract, loadId: number, c: ColumnContract, value: string, line: string): string {
  const ref = c.references!;
  const earlier =
    ref.entity === entity.name ? ` AND (p._load_id <> ${loadId} OR (p._line < ${line} AND p._line NOT IN ${QUARANTINED_LINES}))` : "";
  return `EXISTS (SELECT 1 FROM raw.${ident(ref.entity)} p WHERE p.${ident(ref.column)} = ${value}${earlier})`;
}

const referenceReason = (c: ColumnContract, value: string) =>
  `${sqlString(`${c.name}: no ${c.references!.entity} row with ${c.references!.column} = "`)} || ${value} || '"'`;

function brokenReferenceRows(entity: EntityContract, loadId: number, c: ColumnContract, broken: string): string {
  const col = ident(c.name);
  return `SELECT s._line AS line, ${referenceReason(c, `s.${col}`)} AS reason,
        ${sqlString(`unknown_reference:${c.name}`)} AS rule
      FROM raw.${ident(entity.name)} s WHERE s._load_id = ${loadId} AND s.${col} IS NOT NULL AND ${broken}`;
}

/**
 * Rows of this load, not yet quarantined, whose reference into their own entity finds only lines of this
 * file that `_drop` quarantines (a key conflict, a broken reference of their own): a quarantined row was
 * never loaded, so nothing can point at it. Null for entities that do not reference themselves.
 */
export function referencesToQuarantinedSql(entity: EntityContract, loadId: number): string | null {
  const parts = columnsOf(entity)
    .filter((c) => c.references?.entity === entity.name)
    .map((c) => {
      const broken = `s._line NOT IN ${QUARANTINED_LINES} AND NOT ${referenceHolds(entity, loadId, c, `s.${ident(c.name)}`, "s._line")}`;
      return brokenReferenceRows(entity, loadId, c, broken);
    });
  return parts.length ? parts.join("\nUNION ALL\n") : null;
}
