// The ledger models as a whole: they build on an empty warehouse (a fresh install), the engine's
// check binds the deep model stack quickly (each probe frozen as an empty table), and a break in a
// reconciliation stops the build, naming the employer and the amounts.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { rawWorld, type LedgerWorld } from "./fixtures/ledger/support.ts";
import { employer, invoice, payment } from "./helpers/rows.ts";

const worlds: LedgerWorld[] = [];
afterAll(() => {
  for (const w of worlds) w.close();
});

test("every model builds on an empty warehouse, and the check phase binds the stack quickly", async () => {
  const w = await rawWorld({});
  worlds.push(w);
  const summary = await w.build("2026-01-31");
  expect(summary.models.every((m) => m.status === "built")).toBe(true);
  expect(summary.models.map((m) => m.model)).toContain("marts.kpi_monthly");
  // Binding the views one on another took ~10 s before the probes were frozen; now well under a second.
  expect(summary.timingsMs.check!).toBeLessThan(3000);
});

test("a reconciliation break fails the build with the employer and the amounts", async () => {
  const w = await rawWorld({
    employers: [employer("100000001"), employer("100000002")],
    invoices: [invoice("IN-1", "100000001"), invoice("IN-2", "100000002")],
    payments: [payment("PY-1", "100000001", "1075.00", { invoice_id: "IN-1" })],
  });
  worlds.push(w);
  const models = join(w.dir, "models");
  cpSync("models", models, { recursive: true });
  // Spoil the balance: one employer's credit is a halala too high.
  const file = join(models, "marts", "employer_balance.sql");
  writeFileSync(
    file,
    readFileSync(file, "utf8").replace(
      "CAST(greatest(pool_h - fifo_due_h, 0) * 0.01 AS DECIMAL(18,2)) AS credit_balance",
      "CAST((greatest(pool_h - fifo_due_h, 0) + CASE WHEN employer_id = '100000002' THEN 1 ELSE 0 END) * 0.01 " +
        "AS DECIMAL(18,2)) AS credit_balance",
    ),
  );
  const summary = await w.build("2026-11-30", { modelsDir: models, allowFailure: true });
  expect(summary.status).toBe("failed");
  expect(summary.blockingFailures).toContain("marts.employer_balance");
  const broken = summary.tests.find(
    (t) => t.model === "marts.employer_balance" && t.status === "fail" && t.test.startsWith("billed + adjustments"),
  )!;
  expect(broken.sample).toEqual([expect.objectContaining({ employer_id: "100000002", credit_balance: "0.01", outstanding: "1075.00" })]);
  // The totals straight from the extracts see the same halala, on every reporting date.
  const totals = summary.tests.find((t) => t.model === "marts.employer_balance" && t.status === "fail" && /totals/.test(t.test))!;
  const dates = totals.sample as Record<string, unknown>[];
  expect(dates.length).toBeGreaterThan(0);
  expect(dates.every((r) => r.identity_break === "0.01" && r.billed === r.billed_from_extracts && r.paid === r.paid_from_extracts)).toBe(
    true,
  );
  // Nothing after it was built from the broken table.
  expect(summary.models.find((m) => m.model === "marts.arrears_ageing")!.status).toBe("blocked");
});
