// One contract, two implementations: the zod schema (TypeScript) and the SQL the ingest derives from it
// must agree on every row. Property tests mutate valid rows at random and compare the verdicts.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DuckDBInstance } from "@duckdb/node-api";
import { ENTITIES, columnsOf, keyColumns, type EntityContract } from "../pipelines/contracts/index.ts";
import { LUHN_SQL, luhnValid } from "../pipelines/contracts/luhn.ts";
import { ruleSql } from "../pipelines/contracts/columns.ts";
import { compareFileNames } from "../pipelines/contracts/manifest.ts";
import { csv, writeDelivery } from "./helpers/deliveries.ts";
import * as rows from "./helpers/rows.ts";
import { ingest, query, workspace } from "./helpers/warehouse.ts";

const C1 = rows.nationalId("100000001");
const DELIVERY_DAY = "2026-11-01";

const TRICKY = [
  "",
  " ",
  "abc",
  "-5",
  "0",
  "0.00",
  "1.234",
  "1,000",
  "12.5",
  "45000.00",
  "99999999999999999",
  "2026-02-30",
  "2026-13-01",
  "2026-10",
  "2026-10-31",
  "2026-1-5",
  "2026-10-20T10:00:00+03:00",
  "2026-10-20T10:00:00Z",
  "2026-10-20 10:00:00",
  "2026-10-20T25:00:00+03:00",
  "100000001",
  "12345678",
  "1000000016",
  C1,
  "2000000022",
  "RIYADH",
  "riyadh",
  "true",
  "TRUE",
  "M",
  "X",
  "SA",
  "sa",
  "C",
  "V",
  "auto",
  "late_fee",
  "contribution",
  "12",
  "1",
  "61",
  "٣٠٠٠",
  '"quoted"',
  "a,b",
  "line\nbreak",
];
const value = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ maxLength: 10 }).filter((s) => !s.includes("\u0000")),
  fc.date({ min: new Date("1930-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.tuple(fc.integer({ min: -100, max: 100000 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}.${b}`),
);

function jsVerdict(entity: EntityContract, row: Record<string, string | null>): boolean {
  const nulled = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === "" ? null : v]));
  const parsed = entity.schema.safeParse(nulled);
  if (!parsed.success) return false;
  return entity.rowRules.every((r) => r.check(parsed.data, { deliveryDay: DELIVERY_DAY }));
}

const references = [
  { name: "employers_20261031.csv", entity: "employers", text: csv("employers", [rows.employer("100000001")]) },
  { name: "contributors_20261031.csv", entity: "contributors", text: csv("contributors", [rows.contributor(C1)]) },
  { name: "invoices_20261031.csv", entity: "invoices", text: csv("invoices", [rows.invoice("INV1", "100000001")]) },
  {
    name: "disputes_20261031.csv",
    entity: "disputes",
    text: csv("disputes", [rows.dispute("D1", "100000001", "INV1")]),
  },
];

describe("zod schema and ingest SQL agree", () => {
  it("on the Luhn check digit", async () => {
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    const ids = fc.sample(fc.stringMatching(/^[12]\d{9}$/), { numRuns: 400, seed: 7 });
    const sql = `SELECT v, ${ruleSql({ code: "luhn", message: "", sql: LUHN_SQL }, "v", "v")} AS ok
        FROM (SELECT unnest($ids::VARCHAR[]) AS v)`;
    const result = (await db.runAndReadAll(sql, { ids: `[${ids.map((i) => `'${i}'`).join(",")}]` })).getRowObjectsJS();
    expect(result.length).toBe(ids.length);
    for (const r of result) expect(r.ok, String(r.v)).toBe(luhnValid(String(r.v)));
    expect(result.some((r) => r.ok) && result.some((r) => !r.ok)).toBe(true);
  });

  for (const entity of ENTITIES as readonly EntityContract[]) {
    it(`on randomly broken ${entity.name} rows`, async () => {
      const columns = columnsOf(entity).map((c) => c.name);
      const mutation = fc.record({ column: fc.constantFrom(...columns), value });
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 20, maxLength: 40 }), async (mutations) => {
          const seen = new Set<string>();
          const sample = mutations
            .map((m, i) => ({ ...rows.validRow(entity.name, i), [m.column]: m.value }))
            .filter((r) => {
              const key = keyColumns(entity)
                .map((k) => r[k])
                .join("|");
              if (seen.has(key)) return false;
              seen.add(key);
              return true;
            });
          const ws = workspace();
          const own = { name: `${entity.name}_20261101.csv`, entity: entity.name, text: csv(entity.name, sample) };
          writeDelivery(
            ws.inbox,
            "d0",
            "2026-10-31T02:00:00+03:00",
            references.filter((r) => r.entity !== entity.name || entity.name !== "employers"),
          );
          writeDelivery(ws.inbox, "d1", `${DELIVERY_DAY}T02:00:00+03:00`, [own]);
          const summary = await ingest(ws.inbox, ws.db);
          const file = summary.files.find((f) => f.deliveryId === "d1")!;
          expect(file.status, `${file.reason}`).toBe("loaded");
          const quarantined = await query<{ line: number; rules: string[] }>(
            ws.db,
            `SELECT q.line, q.rules FROM audit.quarantine q JOIN audit.loads l USING (load_id) WHERE l.delivery_id = 'd1'`,
          );
          const byLine = new Map(quarantined.map((q) => [q.line, q.rules]));
          // lines shift only where a value holds a line break; recount them the way the file was written
          let line = 2;
          for (const row of sample) {
            const rules = (byLine.get(line) ?? []).filter((r) => !r.startsWith("unknown_reference"));
            expect(rules.length === 0, `${entity.name} line ${line} ${JSON.stringify(row)} sql=${rules}`).toBe(jsVerdict(entity, row));
            line += 1 + Object.values(row).reduce((n, v) => n + (v?.split("\n").length ?? 1) - 1, 0);
          }
        }),
        { numRuns: 3, seed: 20261125 },
      );
    });
  }
});

describe("the extract reference page", () => {
  it("is what the contracts say today", async () => {
    const { readFileSync } = await import("node:fs");
    const { renderExtractReference } = await import("../pipelines/contracts/reference.ts");
    const committed = readFileSync(new URL("../docs/extract-contracts.md", import.meta.url), "utf8");
    expect(committed, "run npm run docs:extracts").toBe(renderExtractReference());
    for (const e of ENTITIES) for (const c of columnsOf(e)) expect(committed).toContain(`| \`${c.name}\` |`);
  });
});

describe("the files of one delivery", () => {
  it("apply by day, then by sequence number read as a number, a file without one first", () => {
    const names = ["wages_20261101_10.csv", "wages_20261031.csv", "wages_20261101_2.csv", "wages_20261101.csv", "wages_20261101_1.csv"];
    expect([...names].sort(compareFileNames)).toEqual([
      "wages_20261031.csv",
      "wages_20261101.csv",
      "wages_20261101_1.csv",
      "wages_20261101_2.csv",
      "wages_20261101_10.csv",
    ]);
  });
});
