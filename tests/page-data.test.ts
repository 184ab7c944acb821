// The page data's types bind the exporters and the pages: the checks marked @ts-expect-error are
// compile-time tests (`tsc --noEmit`, part of `npm test`) that fail as soon as a wrong field or a
// wrong file type would be accepted; the runtime test shows a data file is written as it was typed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import type { Column } from "../dashboards/components/table.ts";
import { DataFiles } from "../pipelines/publish/data-files.ts";
import type { CollectionsData } from "../pipelines/publish/page-data/collections.ts";
import type { SeverityRow } from "../pipelines/publish/page-data/overview.ts";
import { tempDir } from "./helpers/deliveries.ts";

const severity: SeverityRow = {
  as_of: "2026-10-31",
  severity: "high",
  employers: 2,
  outstanding: "10.00",
  past_due: "8.00",
  disputed: "0.00",
  not_due: "2.00",
  d1_30: "8.00",
  d31_60: "0.00",
  d61_90: "0.00",
  d91_180: "0.00",
  d181_365: "0.00",
  over_365: "0.00",
};

test("a table column names a field of its row, or says how its value is computed", () => {
  const field: Column<SeverityRow> = { key: "past_due", label: "Past due", numeric: true };
  const computed: Column<SeverityRow> = { key: "share", label: "Share", value: (r) => Number(r.past_due) / Number(r.outstanding) };
  // @ts-expect-error a renamed field (pastdue) is no field of the row
  const renamed: Column<SeverityRow> = { key: "pastdue", label: "Past due" };
  expect([field.key, computed.value?.(severity), renamed.key]).toEqual(["past_due", 0.8, "pastdue"]);
});

test("a page's data file is written in the type the page reads it as", () => {
  const files = new DataFiles(tempDir("tahseel-page-data-"));
  const collections: CollectionsData = {
    kpis: ["collected"],
    units: { collected: "SAR" },
    columns: ["period", "kpi", "dimension", "dimension_value", "value"],
    rows: [["2026-10", "collected", "all", "all", "26933.59"]],
    as_ofs: ["2026-10-31"],
    ageing: [severity],
    default_as_of: "2026-10-31",
    suspension: {},
    channels: [["2026-10", "collected_sadad", "all", "all", "20000.00"]],
  };
  files.page("collections.json", collections);
  // @ts-expect-error the overview's file does not take the collections page's data
  files.page("overview.json", collections);
  expect(JSON.parse(readFileSync(join(files.root, "collections.json"), "utf8"))).toEqual(collections);
});
