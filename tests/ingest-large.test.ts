// A file of a million rows and more is inserted without DuckDB's insertion order (load-file.ts): every row
// must still carry its own physical line, and the quarantine must still name the right lines.
import { describe, expect, it } from "vitest";
import { csv, writeDelivery } from "./helpers/deliveries.ts";
import { employer } from "./helpers/rows.ts";
import { ingest, loadsOf, query, quarantineOf, workspace } from "./helpers/warehouse.ts";

describe("a file of a million rows", () => {
  it("keeps each row's physical line and quarantines the right lines", { timeout: 120_000 }, async () => {
    const ws = workspace();
    const rows = Array.from({ length: 1_000_000 }, (_, i) => employer(String(100_000_000 + i)));
    rows[300_000] = employer("100300000", { region: "MARS" });
    rows.push(employer("100700000", { status: "closed" }));
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      { name: "employers_20261101.csv", entity: "employers", text: csv("employers", rows) },
    ]);
    await ingest(ws.inbox, ws.db);
    expect((await quarantineOf(ws.db)).map((q) => [q.line, q.rules])).toEqual([
      [300_002, ["bad_enum:region"]],
      [700_002, ["conflicting_key"]],
      [1_000_002, ["conflicting_key"]],
    ]);
    // Row i of the list has employer_id 100000000 + i and sits on line i + 2.
    expect(
      await query(
        ws.db,
        `SELECT count(*) AS n, count(*) FILTER (_line <> employer_id::INTEGER - 100000000 + 2) AS misplaced FROM raw.employers`,
      ),
    ).toEqual([{ n: 999_998, misplaced: 0 }]);
    expect(await loadsOf(ws.db)).toMatchObject([{ rows: 1_000_001, loaded: 999_998, skipped: 0, quarantined: 3 }]);
  });
});
