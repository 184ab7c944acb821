// The CLI as a user meets it: every case of README.md's exit-code table, run through bin/tahseel.js (the
// file `npx tahseel` runs) in a process of its own, and one Ctrl-C that stops `tahseel schedule` once.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "tahseel.js");
let dir: string;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function finished(child: ChildProcess): Promise<Ran> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d));
  child.stderr?.on("data", (d: Buffer) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const tahseel = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> =>
  finished(spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, ...env } }));

/** A model folder (ESM, as models/ is under the project's package.json) with one model file. */
function models(name: string, file: string, text: string): string {
  const folder = join(dir, name);
  mkdirSync(join(folder, "marts"), { recursive: true });
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  writeFileSync(join(folder, "marts", file), text);
  return folder;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tahseel-cli-"));
  writeFileSync(join(dir, "not-a-warehouse.duckdb"), "employer_id,name\n100000001,x\n");
  mkdirSync(join(dir, "inbox"));
  models(
    "models-ts",
    "answer.ts",
    `/*
description: A TypeScript model that reads nothing.
grain: one row
materialized: table
depends_on: []
columns:
  answer: {type: INTEGER, description: The answer.}
tests:
  - expression: answer = 42
*/
export default async function build({ connection, target }) {
  await connection.run(\`CREATE TABLE \${target} AS SELECT 42 AS answer\`);
}
`,
  );
  const once = { attempts: 1, initial_delay_seconds: 0 };
  const check = { name: "check", cron: "0 0 1 1 *", steps: ["build"], as_of: "previous_month_end" };
  const run = { db: "f.duckdb", models: "models-failing", rules: join(ROOT, "config", "rules.json"), retry: once, jobs: [check] };
  writeFileSync(join(dir, "failing-run.json"), JSON.stringify(run));
  models(
    "models-failing",
    "answer.sql",
    "/*\ndescription: A model whose blocking test fails.\ngrain: one row\nmaterialized: table\n" +
      "tests:\n  - expression: answer = 41\n*/\nSELECT 42 AS answer\n",
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The codes README.md's table documents, read from the README itself. */
function documentedCodes(): number[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const table = /## Exit codes\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
  return [...table.matchAll(/^\| (\d) +\|/gm)].map((m) => Number(m[1]));
}

interface Case {
  what: string;
  args: string[];
  code: number;
  stdout?: RegExp;
  stderr?: RegExp;
  /** A message that must appear exactly once. */
  once?: string;
  env?: NodeJS.ProcessEnv;
}

// In order: later cases use the warehouse the earlier ones made.
const CASES: Case[] = [
  { what: "the list of commands", args: ["--help"], code: 0, stdout: /usage: tahseel <command>[\s\S]*new-model/ },
  { what: "a command's options", args: ["run", "--help"], code: 0, stdout: /usage: tahseel run \[--inbox DIR\]/ },
  {
    what: "the TypeScript through tsx, as when the compiled CLI is stale",
    args: ["stauts", "--help"],
    env: { TAHSEEL_NO_BUNDLE: "1" },
    code: 2,
    stderr: /unknown command stauts; did you mean status\?/,
  },
  // Worker threads start from files beside the source (generate/shard-thread.mjs), also from the compiled CLI.
  {
    what: "a generation on worker threads",
    args: ["generate", "--out", "gen", "--employers", "20", "--months", "1", "--shards", "2"],
    code: 0,
  },
  { what: "a TypeScript model built", args: ["build", "--models", "models-ts", "--db", "w.duckdb", "--as-of", "2026-01-01"], code: 0 },
  { what: "the status of that warehouse", args: ["status", "--db", "w.duckdb", "--json"], code: 0, stdout: /"runs"/ },
  {
    what: "a blocking test that fails",
    args: ["build", "--models", "models-failing", "--db", "f.duckdb", "--as-of", "2026-01-01"],
    code: 1,
  },
  {
    what: "a run whose step fails",
    args: ["run", "--config", "failing-run.json", "--job", "check"],
    code: 1,
    stderr: /blocking test failed/,
  },
  { what: "a schedule config that is not there", args: ["run", "--config", "none.json"], code: 2, stderr: /none\.json/ },
  {
    what: "a job the config does not have",
    args: ["run", "--config", "failing-run.json", "--job", "chek"],
    code: 2,
    stderr: /no such job/,
  },
  { what: "no command", args: [], code: 2, stderr: /usage: tahseel <command>/ },
  { what: "a mistyped command", args: ["biuld"], code: 2, stderr: /unknown command biuld; did you mean build\?/ },
  { what: "a mistyped option", args: ["run", "--inbx", "inbox"], code: 2, once: "unknown option --inbx; did you mean --inbox?" },
  { what: "an unknown option", args: ["status", "--colour"], code: 2, stderr: /unknown option --colour\n/ },
  { what: "a missing required option", args: ["ingest"], code: 2, stderr: /--inbox DIR is required/ },
  {
    what: "an inbox that does not exist",
    args: ["ingest", "--inbox", "nowhere", "--db", "w.duckdb"],
    code: 2,
    stderr: /inbox nowhere does not exist/,
  },
  {
    what: "run's default inbox not there",
    args: ["run", "--db", "w.duckdb"],
    code: 2,
    stderr: /no inbox at data\/inbox, the default one: npm start/,
  },
  {
    what: "a warehouse that is not a DuckDB file",
    args: ["status", "--db", "not-a-warehouse.duckdb"],
    code: 2,
    once: "not-a-warehouse.duckdb is not a DuckDB database",
  },
  {
    what: "the same, for run",
    args: ["run", "--inbox", "inbox", "--db", "not-a-warehouse.duckdb"],
    code: 2,
    once: "is not a DuckDB database",
  },
  { what: "a bad option value", args: ["build", "--db", "w.duckdb", "--concurrency", "nine"], code: 2, stderr: /--concurrency must be/ },
];

describe("exit codes, as README.md documents them", () => {
  test.each(CASES.map((c) => [c.what, c] as const))("%s", async (_what, c) => {
    const ran = await tahseel(c.args, c.env);
    expect(ran.code, ran.stderr).toBe(c.code);
    if (c.stdout) expect(ran.stdout).toMatch(c.stdout);
    if (c.stderr) expect(ran.stderr).toMatch(c.stderr);
    if (c.once) expect(ran.stderr.split(c.once).length - 1, ran.stderr).toBe(1);
  });

  test("a warehouse locked by another process is the environment's problem", async () => {
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const { DuckDBInstance } = require(${JSON.stringify(join(ROOT, "node_modules", "@duckdb", "node-api"))});
         DuckDBInstance.create(${JSON.stringify(join(dir, "w.duckdb"))})
           .then(() => { console.log("ready"); setInterval(() => {}, 1000); });`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout!.once("data", () => resolve()));
      // build, not status: status reads the runs journal and says the warehouse is busy instead of failing
      const ran = await tahseel(["build", "--db", "w.duckdb"]);
      expect(ran.code, ran.stderr).toBe(3);
      expect(ran.stderr).toMatch(/w\.duckdb is locked by another process/);
    } finally {
      holder.kill("SIGKILL");
    }
  });

  test("every documented code is exercised, and no case expects an undocumented one", () => {
    const documented = documentedCodes();
    expect(documented).toEqual([0, 1, 2, 3]);
    expect(new Set([...CASES.map((c) => c.code), 3])).toEqual(new Set(documented));
  });
});

test("one Ctrl-C stops the scheduler once: no second SIGINT from a process in between", async () => {
  const config = join(dir, "schedule.json");
  const never = { name: "never", cron: "0 0 1 1 *", steps: ["build"] };
  writeFileSync(config, JSON.stringify({ db: join(dir, "s.duckdb"), lock_dir: join(dir, "locks"), jobs: [never] }));
  // The terminal sends Ctrl-C's SIGINT to the whole foreground process group; so does this test.
  const child = spawn(process.execPath, [BIN, "schedule", "--config", config], { cwd: dir, detached: true });
  const done = finished(child);
  await new Promise<void>((resolve) => {
    child.stderr!.on("data", (d: Buffer) => {
      if (d.toString().includes("scheduler started")) resolve();
    });
  });
  // The handler is attached right after that line is written; a signal before it would kill the process.
  await new Promise((resolve) => setTimeout(resolve, 500));
  process.kill(-child.pid!, "SIGINT");
  const ran = await done;
  expect(ran.code, ran.stderr).toBe(0);
  expect(ran.stderr).toMatch(/scheduler stopped/);
  expect(ran.stderr).not.toMatch(/again/);
});
