// The shape of a CLI subcommand. Each lives in its own file under commands/, loaded only when it runs.
import type { ParseArgsConfig } from "node:util";
import type { RunContext } from "../lib/context.ts";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;
export type ParsedOptions = Record<string, string | boolean | string[] | undefined>;

/** A subcommand as the user sees it; `load` imports the module that runs it (and all that needs) when it runs. */
export interface CommandEntry {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  load(): Promise<Command>;
}

export interface Command {
  /** Returns a value printed as JSON with `--json`, and the process exit code (0 unless stated). */
  run(options: ParsedOptions, positionals: string[], context: RunContext): Promise<{ exitCode?: number; result?: unknown }>;
}

export const DEFAULT_DB = "data/warehouse.duckdb";

export function stringOption(options: ParsedOptions, name: string, fallback: string): string;
export function stringOption(options: ParsedOptions, name: string): string | undefined;
export function stringOption(options: ParsedOptions, name: string, fallback?: string): string | undefined {
  const v = options[name];
  return typeof v === "string" ? v : fallback;
}

/** A repeatable option's values: none, one, or several. */
export function listOption(options: ParsedOptions, name: string): string[] {
  const v = options[name];
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}
