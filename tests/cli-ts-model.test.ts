// An analyst's own models folder, anywhere on disk and outside this package, through the compiled CLI a
// reader types: a TypeScript model builds (Node compiles a .ts file outside an ESM package as CommonJS,
// which moves its default export one level down), and a header mistake reads as the field and the fix,
// not as a validation library's JSON.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { query } from "./helpers/warehouse.ts";

const ROOT = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "tahseel-ts-model-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const model = (header: string) => `/*
description: A TypeScript model in a folder of the analyst's own.
grain: one row
${header}
columns:
  answer:
    description: The number the model writes.
    type: INTEGER
*/
export default async function build({ connection, target }: { connection: { run(sql: string): Promise<unknown> }; target: string }) {
  await connection.run(\`CREATE TABLE \${target} AS SELECT 42 AS answer\`);
}
`;

function build(models: string, db: string) {
  return spawnSync(process.execPath, [join(ROOT, "bin", "tahseel.js"), "build", "--models", models, "--db", db], {
    cwd: dir,
    encoding: "utf8",
  });
}

test("a TypeScript model in a folder outside any package builds through the CLI", async () => {
  const models = join(dir, "good");
  mkdirSync(join(models, "marts"), { recursive: true });
  writeFileSync(join(models, "marts", "answer.ts"), model("materialized: table"));
  const db = join(dir, "good.duckdb");
  const ran = build(models, db);
  expect(ran.status, ran.stderr).toBe(0);
  expect(await query(db, "SELECT answer FROM marts.answer")).toEqual([{ answer: 42 }]);
});

test("a header missing a field names the field and the allowed values, with no JSON dump", () => {
  const models = join(dir, "bad");
  mkdirSync(join(models, "marts"), { recursive: true });
  writeFileSync(join(models, "marts", "answer.ts"), model(""));
  const ran = build(models, join(dir, "bad.duckdb"));
  expect(ran.status).toBe(2);
  expect(ran.stderr).toContain("marts/answer.ts line 2: materialized: required: view, table or incremental");
  expect(ran.stderr).not.toMatch(/"code"|"path"/);
});
