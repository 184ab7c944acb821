// Opening the warehouse, and reading DuckDB values without losing precision (DECIMAL stays exact).
import {
  type DuckDBConnection,
  DuckDBInstance,
  DuckDBDecimalValue,
  DuckDBDateValue,
  DuckDBTimestampTZValue,
  type DuckDBValue,
} from "@duckdb/node-api";
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { EnvironmentError, UserError } from "./errors.ts";

export interface WarehouseOptions {
  /** DuckDB's memory_limit, e.g. `4GB`. */
  memoryLimit?: string;
  threads?: number;
  /** Where DuckDB may spill; defaults to beside the database file. */
  tempDirectory?: string;
}

export interface Warehouse {
  path: string;
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  close(): void;
}

/**
 * Refuses a warehouse path that names something other than a DuckDB database (a CSV, an empty file, a
 * folder): the user gave the wrong --db, which is an input to fix, not a failing environment. A path
 * that does not exist yet is fine: the warehouse is created there.
 */
export function checkWarehouseFile(path: string): void {
  if (path === ":memory:" || !existsSync(path)) return;
  if (statSync(path).isDirectory()) throw new UserError(`warehouse ${path} is a folder; give --db the warehouse's database file`);
  const header = Buffer.alloc(12);
  const fd = openSync(path, "r");
  try {
    readSync(fd, header, 0, 12, 0);
  } finally {
    closeSync(fd);
  }
  // A DuckDB file starts with an 8-byte checksum and then the magic bytes "DUCK".
  if (header.toString("latin1", 8, 12) !== "DUCK")
    throw new UserError(`${path} is not a DuckDB database; give --db the warehouse file, or move this file away to start a new warehouse`);
}

export async function openWarehouse(path: string, options: WarehouseOptions = {}): Promise<Warehouse> {
  checkWarehouseFile(path);
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  } catch (cause) {
    throw new EnvironmentError(
      `cannot open warehouse ${path}: its folder ${dirname(path)} cannot be made (${(cause as NodeJS.ErrnoException).code ?? cause})`,
      { cause },
    );
  }
  const config: Record<string, string> = {};
  if (options.memoryLimit) config.memory_limit = options.memoryLimit;
  if (options.threads) config.threads = String(options.threads);
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, config);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/lock/i.test(message)) {
      const holder = /PID (\d+)/i.exec(message)?.[1];
      throw new EnvironmentError(
        `warehouse ${path} is locked by another process${holder ? ` (pid ${holder})` : ""}; wait for it to finish or stop it`,
        { cause },
      );
    }
    throw new EnvironmentError(`cannot open warehouse ${path}: ${message}`, { cause });
  }
  const connection = await connectRiyadh(instance);
  return {
    path,
    instance,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * A connection whose session time zone is Riyadh: every calendar day in the rules is a Riyadh day. The
 * setting is per connection (and ICU only loads once one exists), so every connection is opened here.
 */
export async function connectRiyadh(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'Asia/Riyadh'");
  return connection;
}

/**
 * A DuckDB value as plain JS: DECIMAL as its exact decimal string, DATE as `YYYY-MM-DD`, TIMESTAMPTZ as ISO, BIGINT as number when safe.
 */
export function plainValue(value: DuckDBValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof DuckDBDecimalValue) return value.toString();
  if (value instanceof DuckDBDateValue) return value.toString();
  if (value instanceof DuckDBTimestampTZValue) return new Date(Number(value.micros / 1000n)).toISOString();
  if (typeof value === "bigint")
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (typeof value === "object" && "items" in value && Array.isArray((value as { items: unknown }).items))
    return (value as { items: DuckDBValue[] }).items.map(plainValue);
  if (typeof value === "object" && "toString" in value) return String(value);
  return value;
}

export type Row = Record<string, unknown>;

/** Runs a query with named parameters and returns plain rows (see plainValue). */
export async function queryRows<T extends Row = Row>(
  connection: DuckDBConnection,
  sql: string,
  params?: Record<string, DuckDBValue>,
): Promise<T[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjects().map((row) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(row)) out[k] = plainValue(v);
    return out as T;
  });
}

/** How many rows `from` (a table, or a table and its WHERE clause) holds. */
export async function countRows(connection: DuckDBConnection, from: string): Promise<number> {
  return Number((await queryRows(connection, `SELECT count(*) AS n FROM ${from}`))[0]!.n);
}

/** Runs statements inside one transaction; any failure rolls every one of them back. */
export async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run("BEGIN TRANSACTION");
  try {
    const result = await work();
    await connection.run("COMMIT");
    return result;
  } catch (error) {
    await connection.run("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** SQL string literal. For identifiers and literals the code itself builds; user values go in as parameters. */
export const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
export const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
