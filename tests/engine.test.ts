// The engine on the basic fixture model set, against a real DuckDB file.
import { afterEach, describe, expect, test } from "vitest";
import { sandbox, statuses, type Sandbox } from "./engine-support.ts";

let s: Sandbox;
afterEach(() => s?.close());

describe("build order and freshness", () => {
  test("builds every model after what it reads, and records its tests", async () => {
    s = await sandbox();
    const summary = await s.build();
    expect(summary.status).toBe("success");
    const order = summary.models.map((m) => m.model);
    const buildsBefore = (a: string, b: string) => expect(order.indexOf(a)).toBeLessThan(order.indexOf(b));
    buildsBefore("staging.stg_employers", "staging.stg_invoices"); // through the relationships test
    buildsBefore("staging.stg_invoices", "core.employer_billed");
    buildsBefore("core.employer_billed", "marts.employer_summary");
    buildsBefore("staging.stg_employers", "marts.employer_summary");
    expect(await s.rows("SELECT employer_id, billed FROM marts.employer_summary ORDER BY employer_id")).toEqual([
      { employer_id: "100000001", billed: "2000.30" },
      { employer_id: "100000002", billed: "1000.05" },
      { employer_id: "100000003", billed: "0.00" },
    ]);
    const results = await s.rows<{ n: number }>("SELECT count(*) AS n FROM audit.test_results WHERE run_id = 'test-1' AND status = 'pass'");
    expect(results[0]!.n).toBe(summary.tests.length);
  });

  test("skips what is up to date, and rebuilds only what a new load reaches", async () => {
    s = await sandbox();
    await s.build();
    const started = performance.now();
    const again = await s.build();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(new Set(Object.values(statuses(again)))).toEqual(new Set(["fresh"]));

    await s.warehouse.connection.run("INSERT INTO raw.invoices VALUES ('INV-5', '100000003', '2026-02', 10.00, 'L2', 2)");
    const after = statuses(await s.build());
    expect(after["staging.stg_employers"]).toBe("fresh");
    expect(after["staging.stg_invoices"]).toBe("built");
    expect(after["core.employer_billed"]).toBe("built");
    expect(after["marts.employer_summary"]).toBe("built");
  });

  test("a changed model rebuilds itself and what comes after it", async () => {
    s = await sandbox();
    await s.build();
    s.edit("core/employer_billed.sql", (t) => t.replace("GROUP BY employer_id", "GROUP BY employer_id -- edited"));
    const after = statuses(await s.build());
    expect(after).toMatchObject({
      "core.employer_billed": "built",
      "marts.employer_summary": "built",
      "staging.stg_invoices": "fresh",
    });
  });

  test("a new as-of date rebuilds the models that read it", async () => {
    s = await sandbox();
    await s.build();
    const after = statuses(await s.build({ asOf: "2026-01-31" }));
    expect(after["core.employer_billed"]).toBe("built");
    expect(after["staging.stg_invoices"]).toBe("fresh");
    expect(await s.rows("SELECT sum(billed) AS b FROM core.employer_billed")).toEqual([{ b: "1500.10" }]);
  });
});

describe("selection", () => {
  test("+model takes what it needs, model+ what needs it", async () => {
    s = await sandbox();
    const up = await s.build({ select: ["+employer_billed"] });
    expect(up.models.map((m) => m.model).sort()).toEqual(["core.employer_billed", "staging.stg_employers", "staging.stg_invoices"]);
    const down = await s.build({ select: ["staging.stg_invoices+"] });
    expect(down.models.map((m) => m.model).sort()).toEqual([
      "core.billed_by_period",
      "core.employer_billed",
      "marts.employer_summary",
      "staging.stg_invoices",
    ]);
    expect(statuses(down)["marts.employer_summary"]).toBe("built");
    expect(statuses(down)["core.employer_billed"]).toBe("fresh");
  });

  test("an unknown selector is refused with the closest name", async () => {
    s = await sandbox();
    await expect(s.build({ select: ["employer_billd"] })).rejects.toThrow(/no model "employer_billd" \(did you mean "employer_billed"\?\)/);
  });
});

describe("failures", () => {
  test("a model that fails keeps its previous table and blocks what comes after it", async () => {
    s = await sandbox();
    await s.build();
    s.edit("core/employer_billed.sql", (t) =>
      t.replace("sum(total_amount) AS billed", "sum(total_amount) + CAST(error('ledger offline') AS INTEGER) AS billed"),
    );
    const summary = await s.build();
    expect(summary.status).toBe("failed");
    const failed = summary.models.find((m) => m.model === "core.employer_billed")!;
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/employer_billed\.sql.*ledger offline/);
    expect(statuses(summary)["marts.employer_summary"]).toBe("blocked");
    expect(await s.rows("SELECT count(*) AS n FROM core.employer_billed")).toEqual([{ n: 2 }]);
  });

  test("an error test keeps the previous table and stops downstream; a warn test only reports", async () => {
    s = await sandbox();
    await s.build();
    await s.warehouse.connection.run("INSERT INTO raw.employers VALUES ('100000004', 'dormant', '2026-02-01', NULL, 'L2', 2)");
    const summary = await s.build();
    const stg = summary.models.find((m) => m.model === "staging.stg_employers")!;
    expect(stg.status).toBe("test_failed");
    expect(stg.tests.find((t) => t.test === "accepted_values(status)")).toMatchObject({
      status: "fail",
      failingRows: 1,
    });
    expect(statuses(summary)["staging.stg_invoices"]).toBe("blocked");
    const [stored] = await s.rows<{ sample: string }>(
      "SELECT CAST(sample AS VARCHAR) AS sample FROM audit.test_results WHERE test = 'accepted_values(status)' AND status = 'fail'",
    );
    expect(JSON.parse(stored!.sample)).toEqual([{ employer_id: "100000004", status: "dormant" }]);

    // A table whose blocking test fails is not swapped in: the previous one stays.
    await s.warehouse.connection.run("DELETE FROM raw.employers WHERE employer_id = '100000004'");
    await s.warehouse.connection.run("INSERT INTO raw.invoices VALUES ('INV-1', '100000002', '2026-02', 1.00, 'L2', 9)");
    const dup = await s.build();
    expect(statuses(dup)).toMatchObject({
      "staging.stg_invoices": "test_failed",
      "core.employer_billed": "blocked",
      "marts.employer_summary": "blocked",
    });
    expect(await s.rows("SELECT count(*) AS n FROM staging.stg_invoices")).toEqual([{ n: 4 }]);
    await s.warehouse.connection.run("DELETE FROM raw.invoices WHERE _line = 9");

    // The warn test (closed employers with billing) reports but does not stop anything.
    await s.warehouse.connection.run("INSERT INTO raw.invoices VALUES ('INV-9', '100000003', '2026-02', 5.00, 'L3', 2)");
    const warned = await s.build();
    expect(warned.status).toBe("success");
    const mart = warned.models.find((m) => m.model === "marts.employer_summary")!;
    expect(mart.status).toBe("built");
    expect(mart.tests.find((t) => t.test === "employer_summary.test.sql")).toMatchObject({
      severity: "warn",
      status: "fail",
      failingRows: 1,
    });
  });
});

describe("incremental models", () => {
  test("builds each period once, fills new ones, rebuilds one on request", async () => {
    s = await sandbox();
    const first = await s.build({ select: ["+billed_by_period"] });
    expect(first.models.find((m) => m.model === "core.billed_by_period")!.periods).toEqual(["2026-01", "2026-02"]);

    await s.warehouse.connection.run("INSERT INTO raw.invoices VALUES ('INV-6', '100000001', '2026-03', 70.00, 'L2', 2)");
    const second = await s.build({ select: ["+billed_by_period"] });
    // The new period is filled; of the old ones only the latest (lookback 1) is rebuilt.
    expect(second.models.find((m) => m.model === "core.billed_by_period")!.periods).toEqual(["2026-03"]);

    // A late invoice for an old period: only --period reaches back that far.
    await s.warehouse.connection.run("INSERT INTO raw.invoices VALUES ('INV-7', '100000003', '2026-01', 0.90, 'L3', 2)");
    const third = await s.build({ select: ["+billed_by_period"], period: "2026-01" });
    expect(third.models.find((m) => m.model === "core.billed_by_period")!.periods).toEqual(["2026-01", "2026-03"]);
    const fourth = await s.build({ select: ["billed_by_period"], period: "2026-02" });
    expect(fourth.models[0]!.periods).toEqual(["2026-02"]);
    expect(await s.rows("SELECT period, sum(billed) AS b FROM core.billed_by_period GROUP BY period ORDER BY period")).toEqual([
      { period: "2026-01", b: "1501.00" },
      { period: "2026-02", b: "1500.25" },
      { period: "2026-03", b: "70.00" },
    ]);
    const periods = await s.rows("SELECT period FROM audit.model_periods WHERE model = 'core.billed_by_period' ORDER BY period");
    expect(periods.map((p) => p.period)).toEqual(["2026-01", "2026-02", "2026-03"]);
  });

  test("a slice holding another period is refused and nothing is written", async () => {
    s = await sandbox();
    s.edit("core/billed_by_period.sql", (t) => t.replace("WHERE period = getvariable('period')", "WHERE period IS NOT NULL"));
    const summary = await s.build({ select: ["+billed_by_period"] });
    const m = summary.models.find((x) => x.model === "core.billed_by_period")!;
    expect(m.status).toBe("failed");
    expect(m.error).toMatch(/filter with WHERE period = getvariable\('period'\)/);
    expect(await s.rows("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'billed_by_period'")).toEqual([{ n: 0 }]);
  });
});

describe("TypeScript models", () => {
  test("a .ts model with the same header is built and tested like SQL", async () => {
    s = await sandbox("models-ts");
    const summary = await s.build();
    expect(statuses(summary)).toEqual({ "staging.stg_invoices": "built", "core.invoice_numbers": "built" });
    expect(await s.rows("SELECT invoice_id, sequence FROM core.invoice_numbers ORDER BY invoice_id")).toEqual([
      { invoice_id: "INV-1", sequence: 1 },
      { invoice_id: "INV-2", sequence: 2 },
      { invoice_id: "INV-3", sequence: 3 },
      { invoice_id: "INV-4", sequence: 4 },
    ]);
  });
});
