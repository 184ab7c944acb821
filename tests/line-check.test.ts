// A line the scan vouches for (line-check.ts) is one whose rules DuckDB then does not evaluate (but for the
// few the scan does not check): trusting the scan must never change a verdict. Random rows, valid and
// broken, are scanned as the ingest scans them, and DuckDB judges every line both ways.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { ENTITIES, columnsOf, type EntityContract } from "../pipelines/contracts/index.ts";
import { scanFile } from "../pipelines/ingest/fast-path/read-file.ts";
import { parsedSql } from "../pipelines/ingest/validation-sql.ts";
import { fieldPattern } from "../pipelines/ingest/fast-path/line-check.ts";
import { ruleSql, typedExpression } from "../pipelines/contracts/columns.ts";
import { csv, tempDir } from "./helpers/deliveries.ts";
import * as rows from "./helpers/rows.ts";

const C1 = rows.nationalId("100000001");

/** Texts near the edges of the patterns: signs, zeros, calendar days, offsets, check digits, ages. */
const TRICKY = [
  "",
  " ",
  "abc",
  "-5",
  "-0",
  "-0.00",
  "0",
  "0.00",
  "00.01",
  "0.01",
  "1.234",
  "1,000",
  "12.5",
  "+5",
  ".5",
  "5.",
  "1e2",
  "2026-02-29",
  "2024-02-29",
  "1900-02-29",
  "2000-02-29",
  "0000-02-29",
  "2026-11-31",
  "2026-13-01",
  "2026-00-10",
  "2026-1-5",
  "2026-10-20T10:00:00+03:00",
  "2026-02-29T10:00:00Z",
  "2024-02-29T23:59:59.999999-23:59",
  "2026-10-20T10:00+03:00",
  "2026-10-20T24:00:00Z",
  "2026-10-20 10:00:00",
  "1000000016",
  C1,
  "2000000022",
  "1000000017",
  "RIYADH",
  "riyadh",
  "M",
  "X",
  "true",
  "TRUE",
  "1",
  "2",
  "60",
  "61",
  "02",
  "1950-02-28",
  "1960-02-29",
  "2011-02-28",
  "2011-03-01",
  "٣٠٠٠",
  '"q"',
  "a,b",
];
const value = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ maxLength: 8 }).filter((s) => !s.includes("\0") && !/[\n\r]/.test(s)),
  fc.date({ min: new Date("1930-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.tuple(fc.integer({ min: -100, max: 100000 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}.${b}`),
);

async function verdicts(
  entity: EntityContract,
  sample: Record<string, string | null>[],
): Promise<{ line: number; vouched: boolean; trusted: boolean; ok: boolean }[]> {
  const dir = tempDir();
  const path = join(dir, "file.csv");
  writeFileSync(path, csv(entity.name, sample));
  const numbered = join(dir, "numbered.csv");
  const scan = await scanFile(path, "utf-8", numbered, { entity, expectedRows: sample.length });
  const input = {
    entity,
    csvPath: numbered,
    header: scan.structure.header!,
    headerLine: 1,
    deliveryDay: "2026-11-01",
    rejectsTable: "rj",
    rejectsScan: "rs",
  };
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run("SET TimeZone = 'Asia/Riyadh'");
  const sql = `SELECT v._line AS line, v._vouched AS vouched, v._ok AS trusted, t._ok AS ok FROM ${parsedSql(input)} v
      JOIN ${parsedSql({ ...input, trustScan: false })} t USING (_line)`;
  return (await db.runAndReadAll(sql)).getRowObjectsJS() as {
    line: number;
    vouched: boolean;
    trusted: boolean;
    ok: boolean;
  }[];
}

describe("what the scan vouches for", () => {
  for (const entity of ENTITIES as readonly EntityContract[]) {
    it(`changes no verdict on ${entity.name}`, async () => {
      const columns = columnsOf(entity).map((c) => c.name);
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ column: fc.constantFrom(...columns), value }), { minLength: 20, maxLength: 40 }),
          async (mutations) => {
            const sample = mutations.map((m, i) =>
              i % 4 === 0 ? rows.validRow(entity.name, i) : { ...rows.validRow(entity.name, i), [m.column]: m.value },
            );
            const result = await verdicts(entity, sample);
            for (const r of result) expect(r.trusted, `${entity.name} line ${r.line}: vouched for, but breaks a rule`).toBe(r.ok);
            // Valid rows written without quotes are vouched for: the scan spares DuckDB their rules.
            const plainValid = new Set(
              sample.flatMap((row, i) => (i % 4 === 0 && Object.values(row).every((v) => v === null || !/[",]/.test(v)) ? [i + 2] : [])),
            );
            for (const r of result)
              if (plainValid.has(Number(r.line)) && r.ok)
                expect(r.vouched, `${entity.name} line ${r.line}: valid, but not vouched for`).toBe(true);
          },
        ),
        { numRuns: 10, seed: 20261205 },
      );
    });
  }
});

describe("a field's pattern", () => {
  /** Every day-like text of some years around the calendar's edges: months 00-13, days 00-32. */
  const days = [1899, 1900, 1904, 2000, 2023, 2024, 2026].flatMap((y) =>
    Array.from({ length: 14 * 33 }, (_, k) => `${y}-${String(Math.floor(k / 33)).padStart(2, "0")}-${String(k % 33).padStart(2, "0")}`),
  );
  const amounts = [
    "0",
    "-0",
    "0.0",
    "-0.00",
    "00",
    "0.01",
    "-0.01",
    "1",
    "-1",
    "10",
    "100.5",
    "-100.5",
    "0.10",
    "1.",
    ".1",
    "-",
    "+1",
    "1.234",
    "9999999999999999.99",
  ];
  const cases: [string, string, string[]][] = [
    ["contributors", "birth_date", days],
    ["wages", "declared_at", days.flatMap((d) => [`${d}T10:00:00+03:00`, `${d}T23:59Z`])],
    ["wages", "basic_wage", amounts],
    ["payments", "amount", amounts],
    ["instalment_plans", "instalments", ["1", "2", "02", "60", "61", "-2", "0"]],
  ];
  for (const [entityName, columnName, texts] of cases) {
    it(`matches only texts DuckDB accepts: ${entityName}.${columnName}`, async () => {
      const entity = ENTITIES.find((e) => e.name === entityName) as EntityContract;
      const column = columnsOf(entity).find((c) => c.name === columnName)!;
      const pattern = new RegExp(`^(?:${fieldPattern(column)})$`);
      const db = await (await DuckDBInstance.create(":memory:")).connect();
      // The rules the pattern stands for; the others (a range) DuckDB evaluates on every line.
      const checks = column.rules
        .filter((r) => r.pattern !== undefined)
        .map((r) => `coalesce(${ruleSql(r, "v", typedExpression(column, "v"))}, false)`)
        .join(" AND ");
      const sql = `SELECT v, ${checks} AS ok FROM (SELECT unnest($texts::VARCHAR[]) AS v)`;
      const verdicts = (await db.runAndReadAll(sql, { texts: `[${texts.map((t) => `'${t}'`).join(",")}]` })).getRowObjectsJS();
      expect(verdicts.length).toBe(texts.length);
      const wrong = verdicts.filter((r) => pattern.test(String(r.v)) && !r.ok).map((r) => r.v);
      expect(wrong, "matched by the scan's pattern, refused by DuckDB").toEqual([]);
      expect(verdicts.some((r) => pattern.test(String(r.v)))).toBe(true);
    });
  }
});

describe("the checks the scan makes beyond patterns", () => {
  it("agree with DuckDB on check digits and ages, 29 February included", async () => {
    const entity = ENTITIES.find((e) => e.name === "contributors") as EntityContract;
    const births = ["1960-02-29", "1964-02-29", "2000-02-29", "1990-03-01", "1990-02-28", "2011-03-01"];
    const years = [15, 80, 81];
    const sample = births.flatMap((birth, i) =>
      years.flatMap((age, j) => {
        const y = Number(birth.slice(0, 4)) + age;
        return ["02-28", "02-29", "03-01"]
          .filter((md) => md !== "02-29" || y % 4 === 0)
          .map((md, k) => {
            const id = rows.nationalId(`1${String(i * 100 + j * 10 + k).padStart(8, "0")}`);
            return rows.contributor(k === 2 ? id.slice(0, 9) + String((Number(id[9]) + 1) % 10) : id, {
              birth_date: birth,
              first_registered_on: `${y}-${md}`,
            });
          });
      }),
    );
    const result = await verdicts(entity, sample);
    expect(result.length).toBe(sample.length);
    for (const r of result) expect(r.trusted, `line ${r.line}`).toBe(r.ok);
    expect(result.some((r) => r.vouched) && result.some((r) => !r.ok)).toBe(true);
  });
});
