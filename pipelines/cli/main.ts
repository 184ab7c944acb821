// The `tahseel` command: parses arguments, runs one subcommand, and is the one place errors become exit
// codes (the table in README.md: 0 done, 1 the work ran and failed, 2 fix the input, 3 fix the environment).
import { parseArgs } from "node:util";
import type { CommandEntry, OptionSpec, ParsedOptions } from "./command.ts";
import { consoleLogger, jsonSafe } from "../lib/context.ts";
import { describeError } from "../lib/errors.ts";
import { COMMANDS } from "./commands/index.ts";
import { closest, didYouMean } from "./suggest.ts";

const COMMON: OptionSpec = { json: { type: "boolean" }, verbose: { type: "boolean" }, help: { type: "boolean", short: "h" } };

function help(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "tahseel — contributions-and-billing analytics pipeline",
    "",
    "usage: tahseel <command> [options]   (tahseel <command> --help for its options)",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

/** parseArgs's complaint in the CLI's words: an unknown option names the one the user probably meant. */
function argumentError(error: unknown, options: OptionSpec): string {
  const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec((error as Error).message)?.[1];
  if (!unknown) return describeError(error);
  const names = Object.keys(options).map((o) => `--${o}`);
  return `unknown option ${unknown}${didYouMean(closest(unknown.split("=")[0]!, names))}`;
}

function parse(command: CommandEntry, args: string[]) {
  const options = { ...command.options, ...COMMON };
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
    return { values: values as ParsedOptions, positionals };
  } catch (error) {
    return { error: argumentError(error, options) };
  }
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h") {
    process.stdout.write(`${help(COMMANDS)}\n`);
    return 0;
  }
  if (!name) {
    process.stderr.write(`${help(COMMANDS)}\n`);
    return 2;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    const hint = didYouMean(
      closest(
        name,
        COMMANDS.map((c) => c.name),
      ),
    );
    process.stderr.write(`tahseel: unknown command ${name}${hint}\n\n${help(COMMANDS)}\n`);
    return 2;
  }
  const parsed = parse(entry, rest);
  if (parsed.error !== undefined) {
    process.stderr.write(`tahseel ${name}: ${parsed.error}\nusage: ${entry.usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`usage: ${entry.usage}\n`);
    return 0;
  }
  const logger = consoleLogger(values.verbose ? "debug" : "info");
  try {
    const command = await entry.load();
    const { exitCode = 0, result } = await command.run(values, positionals, { logger, now: () => new Date() });
    if (values.json && result !== undefined) process.stdout.write(`${JSON.stringify(result, jsonSafe, 2)}\n`);
    return exitCode;
  } catch (error) {
    const code = (error as { exitCode?: unknown }).exitCode;
    // --verbose shows where an error without an exit code of its own (a bug, most likely) was thrown.
    const detail = values.verbose && typeof code !== "number" && error instanceof Error ? `\n${error.stack ?? ""}` : "";
    logger.error(`tahseel ${name} failed: ${describeError(error)}${detail}`);
    return typeof code === "number" ? code : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
