// An extract entity: its zod row schema (one column builder per column) plus the rules that span
// columns. Everything else (DuckDB DDL, validation SQL, docs, generator checks) is derived from it.
import type { z } from "zod";
import { columnMeta, type ColumnMeta } from "./columns.ts";

export type EntityKind = "snapshot" | "event";

/** A rule over several typed columns of one row. */
export interface RowRule<Row> {
  code: string;
  message: string;
  /**
   * SQL boolean over typed columns written `{column}`, TRUE when the rule holds; `$delivery_day` is the delivery's Riyadh day. NULL counts
   * as holding.
   */
  sql: string;
  /** The same rule in TypeScript over the extract row as text, for the generator and the property tests. */
  check(row: Row, context: { deliveryDay: string }): boolean;
  /**
   * Where it pays: the rule as the ingest's scan checks it, on a line whose fields met their patterns, over
   * the bytes of the `columns` it reads; `at` holds each one's start and end in turn (equal where empty: null).
   */
  scan?: { columns: readonly string[]; holds(bytes: Uint8Array, at: Int32Array): boolean };
}

export interface EntityContract<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  kind: EntityKind;
  doc: string;
  schema: z.ZodObject<Shape>;
  rowRules: RowRule<z.infer<z.ZodObject<Shape>>>[];
}

export interface ColumnContract extends ColumnMeta {
  name: string;
}

export function defineEntity<Shape extends z.ZodRawShape>(entity: EntityContract<Shape>): EntityContract<Shape> {
  const keys = columnsOf(entity).filter((c) => c.key);
  if (keys.length === 0) throw new Error(`entity ${entity.name} declares no key column`);
  return entity;
}

export function columnsOf(entity: EntityContract): ColumnContract[] {
  return Object.entries(entity.schema.shape).map(([name, schema]) => ({ name, ...columnMeta(schema as z.ZodType) }));
}

export const keyColumns = (entity: EntityContract) =>
  columnsOf(entity)
    .filter((c) => c.key)
    .map((c) => c.name);
export const controlColumn = (entity: EntityContract) => columnsOf(entity).find((c) => c.control)?.name;
