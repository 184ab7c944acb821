// The default --as-of is "the latest date seen in the data" (outputs.md): the latest date or timestamp
// (its Riyadh day) of the loaded rows, not the day the delivery was made, and never a date that looks
// forward (a due date).
import { expect, test } from "vitest";
import { latestDateInData } from "../pipelines/engine/as-of.ts";
import { openWarehouse } from "../pipelines/lib/duckdb.ts";
import { csv, writeDelivery } from "./helpers/deliveries.ts";
import { employer, invoice, payment } from "./helpers/rows.ts";
import { ingest, workspace } from "./helpers/warehouse.ts";

test("the default as-of date is the latest Riyadh day in the loaded rows, due dates and the delivery's own day aside", async () => {
  const { inbox, db } = workspace();
  writeDelivery(inbox, "2026-11-23T0200", "2026-11-23T02:00:00+03:00", [
    { name: "employers_20261122.csv", entity: "employers", text: csv("employers", [employer("100000001")]) },
    {
      name: "invoices_20261122.csv",
      entity: "invoices",
      text: csv("invoices", [invoice("IN-1", "100000001", { issued_on: "2026-11-01", due_on: "2026-12-15" })]),
    },
    // 21:30 UTC on 21 November is past midnight in Riyadh: the 22nd.
    {
      name: "payments_20261122.csv",
      entity: "payments",
      text: csv("payments", [payment("PY-1", "100000001", "10.00", { paid_at: "2026-11-21T21:30:00Z" })]),
    },
  ]);
  expect((await ingest(inbox, db)).files.map((f) => f.status)).toEqual(["loaded", "loaded", "loaded"]);
  const w = await openWarehouse(db);
  try {
    expect(await latestDateInData(w.connection)).toBe("2026-11-22");
  } finally {
    w.close();
  }
});
