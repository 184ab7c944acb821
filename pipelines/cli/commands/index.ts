// Every subcommand of `tahseel`, in the order `--help` lists them.
import type { Command } from "../command.ts";
import { generateCommand } from "./generate.ts";
import { ingestCommand } from "./ingest.ts";
import { buildCommand } from "./build.ts";
import { statusCommand } from "./status.ts";
import { scheduleCommand } from "./schedule.ts";
import { runCommand } from "./run.ts";
import { docsCommand } from "./docs.ts";
import { publishCommand } from "./publish.ts";
import { newModelCommand } from "./new-model.ts";
import { findingsCommand } from "./findings.ts";
import { sampleCommand } from "./sample.ts";

export const COMMANDS: readonly Command[] = [
  generateCommand,
  ingestCommand,
  buildCommand,
  publishCommand,
  runCommand,
  scheduleCommand,
  statusCommand,
  docsCommand,
  newModelCommand,
  findingsCommand,
  sampleCommand,
];
