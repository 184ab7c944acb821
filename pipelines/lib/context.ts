// Side effects reach the pipeline as parameters, so tests run silent on a fixed clock.

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface RunContext {
  logger: Logger;
  now: () => Date;
}

const LEVELS = ["debug", "info", "warn", "error"] as const;
type Level = (typeof LEVELS)[number];

/** Human-readable lines on stderr (stdout stays free for `--json` results). */
export function consoleLogger(minimum: Level = "info", write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const at = LEVELS.indexOf(minimum);
  const emit = (level: Level) => (message: string, fields?: LogFields) => {
    if (LEVELS.indexOf(level) < at) return;
    const extra = fields && Object.keys(fields).length ? ` ${JSON.stringify(fields, jsonSafe)}` : "";
    write(`${level.toUpperCase().padEnd(5)} ${message}${extra}`);
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

/** Keeps every line in memory: for tests that assert on what was logged. */
export function memoryLogger(): Logger & { lines: { level: Level; message: string; fields?: LogFields }[] } {
  const lines: { level: Level; message: string; fields?: LogFields }[] = [];
  const push = (level: Level) => (message: string, fields?: LogFields) => void lines.push({ level, message, fields });
  return { lines, debug: push("debug"), info: push("info"), warn: push("warn"), error: push("error") };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}
