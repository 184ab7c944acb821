// The pieces every planted fault is written with: a line from named fields, the field values of a
// written line, and the outcome a quarantined row is owed.
import type { Slot } from "./schedule.ts";
import { tryParseSar } from "../rules/money.ts";
import { type CsvFile, csvField } from "./csv-writer.ts";

export type Fields = Record<string, string | null>;

export type Put = (
  slot: Slot,
  entity: string,
  fields: Fields | string,
  kind: string,
  expected: string,
  detail: string,
  control?: number | null,
) => void;

/** The outcome owed to a row that breaks `rule`. */
export const q = (rule: string) => `quarantine:${rule}`;

/** A raw line in `file`'s column order from named fields (missing ones empty). */
export function line(file: CsvFile, fields: Fields): string {
  return file.format.columns.map((c) => csvField(fields[c])).join(",");
}

/** Field values of a line written by `file` (no quoted commas occur in the columns used here). */
export function fieldsOf(file: CsvFile, text: string): Fields {
  const values = text.split(",");
  return Object.fromEntries(file.format.columns.map((c, i) => [c, values[i] === "" ? null : (values[i] ?? null)]));
}

export function controlOf(file: CsvFile, text: string): number | null {
  const amount = fieldsOf(file, text).amount;
  return amount ? tryParseSar(amount) : null;
}
