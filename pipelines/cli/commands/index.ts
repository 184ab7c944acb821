// Every subcommand of `tahseel` as the user sees it (name, summary, usage, options), in the order `--help`
// lists them. A command's module is imported only when the command runs, so `--help`, a mistyped command
// or option answers at once, without loading DuckDB, the engine or Chromium's driver.
import type { CommandEntry } from "../command.ts";
import { ALERTS_USAGE, FINDINGS_USAGE, SAMPLE_USAGE } from "./usages.ts";

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "generate",
    summary: "write synthetic deliveries (extracts + manifests) and the answer key of planted anomalies",
    usage:
      "tahseel generate --out DIR [--employers N] [--months N] [--end YYYY-MM] [--seed S] [--faults] [--force]" +
      " [--rates FILE.json] [--rules FILE.json] [--shards N]",
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
    load: async () => (await import("./generate.ts")).generateCommand,
  },
  {
    name: "ingest",
    summary: "load every new delivery in an inbox into the warehouse",
    usage: "tahseel ingest --inbox DIR [--db FILE] [--memory-limit 4GB] [--json]",
    options: {
      inbox: { type: "string" },
      db: { type: "string" },
      "memory-limit": { type: "string" },
      threads: { type: "string" },
    },
    load: async () => (await import("./ingest.ts")).ingestCommand,
  },
  {
    name: "build",
    summary: "build the models (all, or the selected ones) and run their tests",
    usage:
      "tahseel build [--db FILE] [--models DIR] [--select MODEL…] [--as-of DATE] [--period YYYY-MM] [--param NAME=VALUE…]" +
      " [--rules FILE] [--alerts FILE] [--resume] [--concurrency N] [--json]\n" +
      "  --select takes model names (staging.stg_employers or stg_employers), layers (marts)," +
      " +model (with what it needs), model+ (with what needs it)",
    options: {
      db: { type: "string" },
      models: { type: "string" },
      select: { type: "string", multiple: true },
      "as-of": { type: "string" },
      period: { type: "string" },
      param: { type: "string", multiple: true },
      rules: { type: "string" },
      alerts: { type: "string" },
      resume: { type: "boolean" },
      concurrency: { type: "string" },
    },
    load: async () => (await import("./build.ts")).buildCommand,
  },
  {
    name: "publish",
    summary: "export the dashboard data, build the static site and the management report",
    usage:
      "tahseel publish [--db FILE] [--out DIR] [--audience management|audit …] [--lang ar|en …] [--digits latn|arab]" +
      " [--period YYYY-MM] [--models DIR] [--no-pdf] [--json]\n" +
      "  builds both audiences and both languages unless told otherwise; each into OUT/<audience>/ (site/, report/, manifest.json)",
    options: {
      db: { type: "string" },
      out: { type: "string" },
      audience: { type: "string", multiple: true },
      lang: { type: "string", multiple: true },
      digits: { type: "string" },
      period: { type: "string" },
      models: { type: "string" },
      "no-pdf": { type: "boolean" },
    },
    load: async () => (await import("./publish.ts")).publishCommand,
  },
  {
    name: "run",
    summary: "ingest + build + publish once, as the scheduled job does",
    usage: "tahseel run [--inbox DIR] [--db FILE] [--as-of DATE] [--job NAME] [--config FILE] [--json]",
    options: {
      inbox: { type: "string" },
      db: { type: "string" },
      "as-of": { type: "string" },
      job: { type: "string" },
      config: { type: "string" },
    },
    load: async () => (await import("./run.ts")).runCommand,
  },
  {
    name: "schedule",
    summary: "run the jobs on their cron schedules until stopped (SIGINT/SIGTERM)",
    usage: "tahseel schedule [--config FILE]",
    options: { config: { type: "string" } },
    load: async () => (await import("./schedule.ts")).scheduleCommand,
  },
  {
    name: "status",
    summary: "last runs, loads, rejections, test failures and freshness of each source",
    usage: "tahseel status [--db FILE] [--limit N] [--json]",
    options: { db: { type: "string" }, limit: { type: "string" } },
    load: async () => (await import("./status.ts")).statusCommand,
  },
  {
    name: "docs",
    summary: "write the model catalogue and lineage as JSON",
    usage: "tahseel docs [--db FILE] [--models DIR] [--out DIR] [--json]",
    options: { db: { type: "string" }, models: { type: "string" }, out: { type: "string" } },
    load: async () => (await import("./docs.ts")).docsCommand,
  },
  {
    name: "new-model",
    summary: "start a model: a SQL file with its header and a test stub",
    usage: "tahseel new-model NAME [--layer staging|core|marts] [--models DIR]",
    options: { layer: { type: "string" }, models: { type: "string" } },
    load: async () => (await import("./new-model.ts")).newModelCommand,
  },
  {
    name: "findings",
    summary: "the findings register: list, show, dispose, export and import dispositions",
    usage: FINDINGS_USAGE,
    options: {
      db: { type: "string" },
      rule: { type: "string" },
      status: { type: "string" },
      employer: { type: "string" },
      by: { type: "string" },
      note: { type: "string" },
    },
    load: async () => (await import("./findings.ts")).findingsCommand,
  },
  {
    name: "alerts",
    summary: "the alerts raised after the builds: list, acknowledge, close",
    usage: ALERTS_USAGE,
    options: { db: { type: "string" }, state: { type: "string" }, by: { type: "string" }, note: { type: "string" } },
    load: async () => (await import("./alerts.ts")).alertsCommand,
  },
  {
    name: "sample",
    summary: "draw a seeded, reproducible audit sample of invoices or payments (random, stratified, MUS)",
    usage: SAMPLE_USAGE,
    options: {
      db: { type: "string" },
      population: { type: "string" },
      method: { type: "string" },
      size: { type: "string" },
      seed: { type: "string" },
      strata: { type: "string" },
      out: { type: "string" },
    },
    load: async () => (await import("./sample.ts")).sampleCommand,
  },
];
