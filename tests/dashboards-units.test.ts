// The dashboards' own code outside a browser: number and date formatting from exact decimal strings,
// CSV of tables, the page chrome, the privacy scan's matching. (Importing the page components here
// also puts them under the project's strict type check.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { openWarehouse } from "../pipelines/lib/duckdb.ts";
import { DataFiles } from "../pipelines/publish/data-files.ts";
import { writePaged, writePagedQuery } from "../pipelines/publish/export/paged.ts";
import { tempDir } from "./helpers/deliveries.ts";
import { amount, dateWithHijri, gregorian, hijri, kpiChange, month, percent, sar, shiftDecimal } from "../dashboards/components/format.ts";

describe("format", () => {
  test("amounts come from exact decimal strings, grouped, two decimals", () => {
    expect(amount("1234567.805", "en")).toBe("1,234,567.81");
    expect(amount("90071992547409.93", "en")).toBe("90,071,992,547,409.93");
    expect(sar("-0.50", "en")).toMatch(/-SAR\s?0\.50|SAR\s?-0\.50/);
    expect(amount("1234.5", "ar")).toBe("1,234.50");
    expect(amount("1234.5", "ar", "arab")).toBe("١٬٢٣٤٫٥٠");
  });
  test("ratios in per cent, changes in points for ratios", () => {
    expect(percent("0.994619", "en")).toBe("99.5%");
    expect(kpiChange({ delta: "0.017", relative: null }, "ratio", "en", "latn", "pts")).toBe("+1.7 pts");
    expect(kpiChange({ delta: "100", relative: "0.042" }, "SAR", "en")).toBe("+4.2%");
    // from zero (no relative change): the change in the unit, since zero is data
    expect(kpiChange({ delta: "100", relative: null }, "SAR", "en")).toMatch(/^\+SAR\s100\.00$/);
    expect(shiftDecimal("-0.0123", 2)).toBe("-1.23");
    expect(shiftDecimal("0.5", 2)).toBe("50");
  });
  test("Gregorian dates with the Umm al-Qura date beside", () => {
    expect(gregorian("2026-10-31", "en")).toBe("31 October 2026");
    expect(gregorian("2026-10-31", "ar")).toBe("31 أكتوبر 2026");
    expect(hijri("2026-10-31", "ar")).toBe("20 جمادى الأولى 1448 هـ");
    expect(dateWithHijri("2026-10-31", "en")).toMatch(/^31 October 2026 \(20 Jumada I 1448 AH\)$/);
    expect(month("2026-10", "ar")).toBe("أكتوبر 2026");
  });
});

describe("paged lists", () => {
  test("a long list is written as pages of a fixed size that hold every row once, in order, from JS or from SQL", async () => {
    const dir = tempDir("tahseel-paged-");
    const shards = new DataFiles(dir);
    const rows = Array.from({ length: 4500 }, (_, i) => ({ n: i }));
    expect(writePaged(shards, "list", rows)).toEqual({ base: "list", total: 4500, pages: 3 });
    const read = (base: string, p: number) => JSON.parse(readFileSync(join(dir, base, `${p}.json`), "utf8"));
    expect([0, 1, 2].map((p) => read("list", p).rows.length)).toEqual([2000, 2000, 500]);
    expect([0, 1, 2].flatMap((p) => read("list", p).rows.map((r: { n: number }) => r.n))).toEqual(rows.map((r) => r.n));
    expect(read("list", 2)).toMatchObject({ total: 4500, pages: 3, page: 2 });
    expect(writePaged(shards, "empty", [])).toEqual({ base: "empty", total: 0, pages: 1 });
    const w = await openWarehouse(":memory:");
    try {
      const sql = "SELECT i AS rn, {n: i - 1} AS r FROM range(1, 4501) AS t(i)";
      expect(await writePagedQuery(w.connection, shards, "sql", sql)).toEqual({ base: "sql", total: 4500, pages: 3 });
      expect([0, 1, 2].flatMap((p) => read("sql", p).rows.map((r: { n: number }) => r.n))).toEqual(rows.map((r) => r.n));
      expect(read("sql", 1)).toMatchObject({ total: 4500, pages: 3, page: 1 });
    } finally {
      w.close();
    }
  });
});
