// Each kind of model test, passing and then failing on real DuckDB tables, with its result (count of
// failing rows and a sample) in audit.test_results.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sandbox, type Sandbox } from "./engine-support.ts";

let s: Sandbox;
let passing: Map<string, { status: string; failing_rows: number; sample: unknown[] }>;
let failing: Map<string, { status: string; failing_rows: number; sample: unknown[] }>;

async function results(runId: string) {
  const rows = await s.rows<{ test: string; status: string; failing_rows: number; sample: string }>(
    `SELECT test, status, failing_rows, CAST(sample AS VARCHAR) AS sample FROM audit.test_results WHERE run_id = '${runId}'`,
  );
  return new Map(rows.map((r) => [r.test, { status: r.status, failing_rows: r.failing_rows, sample: JSON.parse(r.sample) as unknown[] }]));
}

beforeAll(async () => {
  s = await sandbox("models-tests");
  const first = await s.build();
  passing = await results(first.runId);
  await s.warehouse.connection.run(`INSERT INTO raw.invoices VALUES
    ('INV-1', '100000009', '2026-03', -5.00, 'L2', 50),
    ('INV-8', NULL, '2026-01', 2000000.00, 'L2', 51),
    ('INV-9', '100000001', '2026-01', 0.01, 'L2', 100)`);
  const second = await s.build();
  expect(second.status).toBe("success"); // every test here is `warn`: reported, nothing stopped
  failing = await results(second.runId);
});
afterAll(() => s?.close());

const KINDS: [string, number][] = [
  ["not_null(employer_id)", 1],
  ["unique(invoice_id)", 1],
  ["accepted_values(period)", 1],
  ["relationships(employer_id → raw.employers.employer_id)", 1],
  ["expression(total_amount > 0)", 1],
  ["reconciles(total)", 1],
  ["reconciles(by employer)", 1],
  ["checked.large.test.sql", 1],
];

describe.each(KINDS)("%s", (name, failingRows) => {
  test("passes on clean data", () => {
    expect(passing.get(name)).toMatchObject({ status: "pass", failing_rows: 0, sample: [] });
  });
  test("fails on bad data, with the count and a sample of failing rows", () => {
    const result = failing.get(name)!;
    expect(result).toMatchObject({ status: "fail", failing_rows: failingRows });
    expect(result.sample.length).toBe(failingRows);
  });
});

test("reconciles is exact to the halala and says by how much", () => {
  expect(failing.get("reconciles(total)")!.sample).toEqual([{ model_total: "2002995.35", other_total: "2002995.36", difference: "-0.01" }]);
  expect(failing.get("reconciles(by employer)")!.sample).toEqual([
    { employer_id: "100000001", model_total: "2000.30", other_total: "2000.31", difference: "-0.01" },
  ]);
});
