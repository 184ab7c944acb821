// The `tahseel` command: parses arguments, runs one subcommand, and is the one place errors become exit codes.
import { parseArgs } from "node:util";
import type { Command, ParsedOptions } from "./command.ts";
import { consoleLogger, jsonSafe } from "../lib/context.ts";
import { describeError } from "../lib/errors.ts";
import { COMMANDS } from "./commands/index.ts";

function help(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "tahseel — contributions-and-billing analytics pipeline",
    "",
    "usage: tahseel <command> [options]   (tahseel <command> --help for its options)",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    process.stdout.write(`${help(COMMANDS)}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`tahseel: unknown command "${name}"\n\n${help(COMMANDS)}\n`);
    return 2;
  }
  let parsed: { values: ParsedOptions; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        ...command.options,
        json: { type: "boolean" },
        verbose: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    process.stderr.write(`tahseel ${name}: ${describeError(error)}\nusage: ${command.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`usage: ${command.usage}\n`);
    return 0;
  }
  const logger = consoleLogger(parsed.values.verbose ? "debug" : "info");
  try {
    const { exitCode = 0, result } = await command.run(parsed.values, parsed.positionals, {
      logger,
      now: () => new Date(),
    });
    if (parsed.values.json && result !== undefined) process.stdout.write(`${JSON.stringify(result, jsonSafe, 2)}\n`);
    return exitCode;
  } catch (error) {
    logger.error(`tahseel ${name} failed: ${describeError(error)}`);
    const code = (error as { exitCode?: unknown }).exitCode;
    return typeof code === "number" ? code : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
