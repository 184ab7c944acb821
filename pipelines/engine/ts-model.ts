// TypeScript models, for the rare table SQL cannot say well. Same header as a SQL model (as the
// file's leading comment, with a DuckDB type for every column); the module's default export
// creates the table it is given, on the connection it is given, inside the engine's transaction.
import { pathToFileURL } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import { UserError } from "../lib/errors.ts";
import type { Model } from "./model.ts";

export interface TsModelContext {
  connection: DuckDBConnection;
  /** Quoted `schema.table` to create (it does not exist when the function is called). */
  target: string;
  /** The model's declared parameters, validated; also set as DuckDB variables on the connection. */
  params: Readonly<Record<string, string>>;
  /** The models this one reads (depends_on, wildcards expanded), so a model may union a whole schema. */
  upstream: readonly string[];
  /** A model id (`schema.table`) as a quoted relation name for SQL; a model need not import the engine. */
  relation: (id: string) => string;
}

export type TsModel = (context: TsModelContext) => Promise<void>;

export async function loadTsModel(model: Model): Promise<TsModel> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(model.path).href)) as { default?: unknown };
  } catch (cause) {
    throw new UserError(`cannot load the TypeScript model: ${cause instanceof Error ? cause.message : String(cause)}`, {
      at: { file: model.file, line: 1 },
      cause,
    });
  }
  // a model outside an ESM package is compiled as CommonJS, and its default export arrives one level down
  const build = typeof module.default === "function" ? module.default : (module.default as { default?: unknown } | undefined)?.default;
  if (typeof build !== "function")
    throw new UserError(
      "a TypeScript model must `export default async function build({ connection, target, params })` that creates `target`",
      {
        at: { file: model.file, line: model.block.lastLine + 1 },
      },
    );
  return build as TsModel;
}
