// `tahseel generate`: synthetic deliveries for the sample, the tests and the benchmark.
import { readFileSync } from "node:fs";
import type { Command, ParsedOptions } from "../command.ts";
import { UserError } from "../../lib/errors.ts";
import { generateDeliveries } from "../../generate/index.ts";
import { loadRules } from "../../rules/load.ts";
import { compileRules } from "../../rules/contribution.ts";

const integer = (options: ParsedOptions, name: string): number | undefined => {
  const v = options[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !/^\d+$/.test(v)) throw new UserError(`--${name} must be a whole number, got "${String(v)}"`);
  return Number(v);
};

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new UserError(`cannot read ${what} ${file}: ${(cause as Error).message}`);
  }
}

export const generateCommand: Command = {
  name: "generate",
  summary: "write synthetic deliveries (extracts + manifests) and the answer key of planted anomalies",
  usage:
    "tahseel generate --out DIR [--employers N] [--months N] [--end YYYY-MM] [--seed S] [--faults] [--force] [--rates FILE.json] " +
    "[--rules FILE.json] [--shards N]",
  options: {
    out: { type: "string" },
    employers: { type: "string" },
    months: { type: "string" },
    end: { type: "string" },
    seed: { type: "string" },
    faults: { type: "boolean" },
    force: { type: "boolean" },
    rates: { type: "string" },
    rules: { type: "string" },
    shards: { type: "string" },
  },
  async run(options, positionals, context) {
    if (positionals.length > 0) throw new UserError(`unexpected argument "${positionals[0]}"`);
    if (typeof options.out !== "string") throw new UserError("--out DIR is required");
    const rules = typeof options.rules === "string" ? compileRules(loadRules(options.rules)) : undefined;
    const result = await generateDeliveries(
      {
        out: options.out,
        employers: integer(options, "employers"),
        months: integer(options, "months"),
        end: typeof options.end === "string" ? options.end : undefined,
        seed: typeof options.seed === "string" ? options.seed : undefined,
        faults: options.faults === true,
        force: options.force === true,
        shards: integer(options, "shards"),
        rates: typeof options.rates === "string" ? (readJson(options.rates, "anomaly rates") as Record<string, number>) : undefined,
      },
      context,
      rules,
    );
    context.logger.info(
      `wrote ${result.deliveries} deliveries, ${result.files} files, ${result.rows} rows (${(result.bytes / 1e6).toFixed(1)} MB) in ` +
        `${result.seconds.toFixed(1)} s: ${result.rowsPerSecond} rows/s`,
      { planted: result.planted, faults: result.faults },
    );
    return { result };
  },
};
