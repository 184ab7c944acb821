// Keys and references across rows and deliveries: re-sends skipped, conflicting keys quarantined,
// events immutable, snapshots versioned, late deliveries unable to rewrite history, references resolved.
import { describe, expect, it } from "vitest";
import { csv, writeDelivery } from "./helpers/deliveries.ts";
import { registration } from "./helpers/registration.ts";
import { employer, invoice, payment } from "./helpers/rows.ts";
import { ingest, loadsOf, query, quarantineOf, workspace } from "./helpers/warehouse.ts";

describe("keys", () => {
  it("skips identical re-sends within a file and quarantines every version of a conflicting key", async () => {
    const ws = workspace();
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      ...registration,
      {
        name: "payments_20261110.csv",
        entity: "payments",
        text: csv("payments", [
          payment("P1", "100000001", "100.00"),
          payment("P1", "100000001", "100.00"),
          payment("P2", "100000001", "50.00"),
          payment("P2", "100000001", "55.00"),
          payment("P3", "100000002", "1.00"),
        ]),
      },
    ]);
    await ingest(ws.inbox, ws.db);
    expect(await query(ws.db, "SELECT payment_id, _line FROM raw.payments ORDER BY 1")).toEqual([
      { payment_id: "P1", _line: 2 },
      { payment_id: "P3", _line: 6 },
    ]);
    expect((await quarantineOf(ws.db)).map((q) => [q.line, q.rules])).toEqual([
      [4, ["conflicting_key"]],
      [5, ["conflicting_key"]],
    ]);
    const pay = (await loadsOf(ws.db)).find((l) => l.file_name.startsWith("payments"))!;
    expect(pay).toMatchObject({ rows: 5, loaded: 2, skipped: 1, quarantined: 2 });
  });

  it("treats events as immutable across deliveries and versions snapshots", async () => {
    const ws = workspace();
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      ...registration,
      {
        name: "invoices_20261101.csv",
        entity: "invoices",
        text: csv("invoices", [invoice("INV1", "100000001"), invoice("INV2", "100000002")]),
      },
    ]);
    writeDelivery(ws.inbox, "d2", "2026-11-02T02:00:00+03:00", [
      {
        name: "employers_20261102.csv",
        entity: "employers",
        text: csv("employers", [employer("100000001", { status: "suspended", status_changed_on: "2026-11-01" }), employer("100000002")]),
      },
      {
        name: "invoices_20261102.csv",
        entity: "invoices",
        text: csv("invoices", [
          invoice("INV1", "100000001"),
          invoice("INV2", "100000002", { posting: "manual" }),
          invoice("INV3", "100000001", { replaces_invoice_id: "INV1" }),
        ]),
      },
    ]);
    await ingest(ws.inbox, ws.db);
    expect(
      await query(ws.db, "SELECT employer_id, status, _valid_from, _valid_to FROM raw.employers ORDER BY employer_id, _valid_from"),
    ).toEqual([
      {
        employer_id: "100000001",
        status: "active",
        _valid_from: "2026-10-31T23:00:00.000Z",
        _valid_to: "2026-11-01T23:00:00.000Z",
      },
      { employer_id: "100000001", status: "suspended", _valid_from: "2026-11-01T23:00:00.000Z", _valid_to: null },
      { employer_id: "100000002", status: "active", _valid_from: "2026-10-31T23:00:00.000Z", _valid_to: null },
    ]);
    const loads = await loadsOf(ws.db);
    expect(loads.find((l) => l.file_name === "employers_20261102.csv")).toMatchObject({
      loaded: 2,
      skipped: 0,
      quarantined: 0,
    });
    expect(loads.find((l) => l.file_name === "invoices_20261102.csv")).toMatchObject({
      loaded: 1,
      skipped: 1,
      quarantined: 1,
    });
    expect((await quarantineOf(ws.db)).map((q) => q.rules)).toEqual([["conflicting_key"]]);
    expect(await query(ws.db, "SELECT invoice_id FROM raw.invoices ORDER BY 1")).toEqual([
      { invoice_id: "INV1" },
      { invoice_id: "INV2" },
      { invoice_id: "INV3" },
    ]);
  });
});

describe("a delivery that arrives after a newer one was applied", () => {
  it("cannot rewrite snapshot history: its snapshot files are rejected with the reason; its events load", async () => {
    const ws = workspace();
    writeDelivery(ws.inbox, "d2", "2026-11-02T02:00:00+03:00", registration);
    await ingest(ws.inbox, ws.db);
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      {
        name: "employers_20261101.csv",
        entity: "employers",
        text: csv("employers", [employer("100000001", { status: "closed", status_changed_on: "2026-10-31" })]),
      },
      {
        name: "payments_20261101.csv",
        entity: "payments",
        text: csv("payments", [payment("P1", "100000001", "10.00")]),
      },
    ]);
    const late = (await ingest(ws.inbox, ws.db)).files;
    expect(late.map((l) => [l.fileName, l.status, l.loaded])).toEqual([
      ["employers_20261101.csv", "rejected", 0],
      ["payments_20261101.csv", "loaded", 1],
    ]);
    expect(late[0]!.reason).toMatch(
      /employers from delivery d2 \(created 2026-11-01T23:00:00Z\) were applied already; snapshots apply in created_at order/,
    );
    expect(await query(ws.db, "SELECT status, _valid_to FROM raw.employers WHERE employer_id = '100000001'")).toEqual([
      { status: "active", _valid_to: null },
    ]);
  });
});

describe("references", () => {
  it("are checked the same way when a daily file is tiny beside the registry it names", async () => {
    const ws = workspace();
    // 30 accounts against a 2-row file: the accounts are narrowed to the ones the file names first.
    const accounts = Array.from({ length: 30 }, (_, i) => employer(String(100000001 + i)));
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      { name: "employers_20261101.csv", entity: "employers", text: csv("employers", accounts) },
      {
        name: "payments_20261110.csv",
        entity: "payments",
        text: csv("payments", [payment("P1", "100000007", "10.00"), payment("P2", "100000099", "20.00")]),
      },
    ]);
    await ingest(ws.inbox, ws.db);
    expect((await quarantineOf(ws.db)).map((q) => [q.file_name, q.line, q.rules])).toEqual([
      ["payments_20261110.csv", 3, ["unknown_reference:employer_id"]],
    ]);
    expect(await query(ws.db, "SELECT payment_id FROM raw.payments")).toEqual([{ payment_id: "P1" }]);
  });

  const reissueTitle =
    "to an earlier line of the same file hold only if that line loads: a re-issue of a quarantined invoice is quarantined too";
  it(reissueTitle, async () => {
    const ws = workspace();
    const reissue = (id: string, of: string) => invoice(id, "100000001", { replaces_invoice_id: of });
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      ...registration,
      {
        name: "invoices_20261101.csv",
        entity: "invoices",
        text: csv("invoices", [
          invoice("INV1", "100000099"),
          reissue("INV2", "INV1"),
          reissue("INV3", "INV2"), // line 2: unknown account; 3 and 4 follow it
          invoice("INV4", "100000001"),
          invoice("INV4", "100000002"),
          reissue("INV5", "INV4"), // a key conflict, and its re-issue
          reissue("INV6", "INV1"),
          reissue("INV6", "INV1"), // a re-send of a re-issue of line 2
          invoice("INV7", "100000001"),
          reissue("INV8", "INV7"), // all well
        ]),
      },
    ]);
    await ingest(ws.inbox, ws.db);
    expect((await quarantineOf(ws.db)).map((q) => [q.line, q.rules])).toEqual([
      [2, ["unknown_reference:employer_id"]],
      [3, ["unknown_reference:replaces_invoice_id"]],
      [4, ["unknown_reference:replaces_invoice_id"]],
      [5, ["conflicting_key"]],
      [6, ["conflicting_key"]],
      [7, ["unknown_reference:replaces_invoice_id"]],
      [8, ["unknown_reference:replaces_invoice_id"]],
      [9, ["unknown_reference:replaces_invoice_id"]],
    ]);
    expect(await query(ws.db, "SELECT invoice_id FROM raw.invoices ORDER BY 1")).toEqual([{ invoice_id: "INV7" }, { invoice_id: "INV8" }]);
    expect((await loadsOf(ws.db)).find((l) => l.file_name.startsWith("invoices"))).toMatchObject({
      rows: 10,
      loaded: 2,
      skipped: 0,
      quarantined: 8,
    });
  });
});
