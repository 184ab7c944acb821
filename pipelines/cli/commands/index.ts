// Every subcommand of `tahseel`, in the order `--help` lists them.
import type { Command } from "../command.ts";
import { generateCommand } from "./generate.ts";
import { ingestCommand } from "./ingest.ts";

export const COMMANDS: readonly Command[] = [generateCommand, ingestCommand];
