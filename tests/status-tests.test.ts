// `tahseel status` lists each test's latest result only: a test that failed and was fixed — in the model
// or in the test itself, which renames it — is no longer listed once the model is rebuilt.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { buildModels } from "../pipelines/engine/build.ts";
import { memoryLogger } from "../pipelines/lib/context.ts";
import { openWarehouse } from "../pipelines/lib/duckdb.ts";
import { formatStatus, readStatus, type StatusReport } from "../pipelines/schedule/status.ts";
import { FIXTURES, RAW_DDL, statuses } from "./engine-support.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tahseel-status-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
let clock = Date.parse("2026-03-02T03:00:00Z");
const tick = () => {
  clock += 1000;
  return new Date(clock);
};
const context = { logger: memoryLogger(), now: tick };
const db = () => join(dir, "warehouse.duckdb");
const models = () => join(dir, "models");

/** As the commands do it: the warehouse opened for the build, then again for `tahseel status`. */
const s = {
  edit(relative: string, change: (text: string) => string) {
    writeFileSync(join(models(), relative), change(readFileSync(join(models(), relative), "utf8")));
  },
  async build() {
    const w = await openWarehouse(db());
    try {
      return await buildModels(w, { modelsDir: models(), runId: `run-${clock}`, asOf: "2026-02-28" }, context);
    } finally {
      w.close();
    }
  },
  async status(): Promise<StatusReport> {
    const w = await openWarehouse(db());
    try {
      return await readStatus(w.instance);
    } finally {
      w.close();
    }
  },
};
const failures = async () => (await s.status()).test_failures.map((t) => `${t.model}: ${t.test} ${t.status}`);

test("a failing test fixed and rebuilt leaves the failing list, whether the model or the test was fixed", async () => {
  const w = await openWarehouse(db());
  await w.connection.run(RAW_DDL);
  w.close();
  cpSync(join(FIXTURES, "models-basic"), models(), { recursive: true });
  // An expression that employer 100000002 (billed 1000.05) breaks; the reconciliation, which the fix
  // below would break, is left out.
  s.edit("core/employer_billed.sql", (t) =>
    t.replace("  - expression: billed >= 0", "  - expression: billed > 1500").replace(/ {2}- reconciles:\n( {6}.*\n)+/, ""),
  );
  expect(statuses(await s.build())).toMatchObject({ "core.employer_billed": "test_failed" });
  expect(await failures()).toEqual(["core.employer_billed: expression(billed > 1500) fail"]);

  // Fixed in the model: the same test now passes.
  s.edit("core/employer_billed.sql", (t) => t.replace("sum(total_amount) AS billed", "sum(total_amount) + 1000 AS billed"));
  expect(statuses(await s.build())).toMatchObject({ "core.employer_billed": "built" });
  expect(await failures()).toEqual([]);

  // Broken again, then fixed in the test: its name changes with its text, the old name must not linger.
  s.edit("core/employer_billed.sql", (t) => t.replace("+ 1000 AS billed", "AS billed"));
  expect(statuses(await s.build())).toMatchObject({ "core.employer_billed": "test_failed" });
  expect(await failures()).toEqual(["core.employer_billed: expression(billed > 1500) fail"]);
  s.edit("core/employer_billed.sql", (t) => t.replace("  - expression: billed > 1500", "  - expression: billed > 500"));
  expect(statuses(await s.build())).toMatchObject({ "core.employer_billed": "built" });
  const report = await s.status();
  expect(report.test_failures).toEqual([]);
  expect(formatStatus(report, new Date("2026-03-02T04:00:00Z"))).toMatch(/Failing tests \(latest result of each\):\n {2}\(none\)/);
});
