// What the scan vouches for and proves (line-check.ts, run-keys.ts) spares DuckDB its checks, and a large
// run reads on a thread of its own (scanner.ts): none of it may change a single outcome. Each warehouse
// here is compared with the one the same deliveries make with the proofs off.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { generateDeliveries } from "../pipelines/generate/index.ts";
import { ENTITIES, columnsOf } from "../pipelines/contracts/index.ts";
import { ingestInbox, type IngestOptions } from "../pipelines/ingest/index.ts";
import { memoryLogger } from "../pipelines/lib/context.ts";
import { csv, tempDir, writeDelivery } from "./helpers/deliveries.ts";
import { adjustment, contributor, employer, engagement, invoice, nationalId, wage } from "./helpers/rows.ts";
import { FIXED_NOW, query } from "./helpers/warehouse.ts";

type Mode = Pick<IngestOptions, "keyMemoryMiB" | "scanThread">;
const WITHOUT_PROOFS: Mode = { keyMemoryMiB: 0, scanThread: "main" };

/**
 * Everything ingest wrote: every load, every quarantined row, and a fingerprint of every raw table (lines, hashes and history included).
 */
async function outcome(inbox: string, mode: Mode): Promise<unknown> {
  const db = join(tempDir(), "warehouse.duckdb");
  await ingestInbox({ inbox, db, ...mode }, { logger: memoryLogger(), now: FIXED_NOW });
  const tables = [];
  for (const e of ENTITIES) {
    const history = e.kind === "snapshot" ? ", _valid_from, _valid_to" : "";
    const columns = columnsOf(e)
      .map((c) => `r."${c.name}"`)
      .join(", ");
    tables.push(
      await query(
        db,
        `SELECT '${e.name}' AS entity, count(*) AS n, sum(hash(${columns}, l.file_name, r._line, r._row_hash${history})) AS fingerprint
      FROM raw."${e.name}" r JOIN audit.loads l ON l.load_id = r._load_id`,
      ),
    );
  }
  return {
    loads: await query(
      db,
      `SELECT delivery_id, file_name, status, "rows", loaded, skipped, quarantined, reason FROM audit.loads ORDER BY load_id`,
    ),
    quarantine: await query(
      db,
      `SELECT l.file_name, q.line, q.raw, q.reasons, q.rules FROM audit.quarantine q JOIN audit.loads l USING (load_id) ORDER BY l.load_id,
          q.line`,
    ),
    tables,
  };
}

describe("proofs and the scanning thread", () => {
  it("change nothing on a generated quarter with planted faults, on the main thread or a worker", {
    timeout: 180_000,
  }, async () => {
    const out = tempDir();
    await generateDeliveries({ out, employers: 150, months: 3, seed: "proofs", faults: true });
    const inbox = join(out, "inbox");
    const plain = await outcome(inbox, WITHOUT_PROOFS);
    expect(await outcome(inbox, { scanThread: "main" })).toEqual(plain);
    expect(await outcome(inbox, { scanThread: "worker" })).toEqual(plain);
  });

  it("prove nothing from keys read ahead: a wage naming a contributor only a later delivery brings is quarantined", async () => {
    const inbox = join(tempDir(), "inbox");
    const [c1, c2] = [nationalId("100000001"), nationalId("100000002")];
    writeDelivery(inbox, "d1", "2026-11-01T02:00:00+03:00", [
      { name: "employers_20261031.csv", entity: "employers", text: csv("employers", [employer("100000001")]) },
      { name: "contributors_20261031.csv", entity: "contributors", text: csv("contributors", [contributor(c1)]) },
      {
        name: "wages_20261031.csv",
        entity: "wages",
        text: csv("wages", [wage("2026-10", "100000001", c1), wage("2026-10", "100000001", c2)]),
      },
    ]);
    writeDelivery(inbox, "d2", "2026-11-02T02:00:00+03:00", [
      { name: "contributors_20261101.csv", entity: "contributors", text: csv("contributors", [contributor(c2)]) },
    ]);
    for (const mode of [{ scanThread: "main" }, { scanThread: "worker" }] as Mode[]) {
      const result = (await outcome(inbox, mode)) as {
        quarantine: { file_name: string; line: number; rules: string[] }[];
      };
      expect(result.quarantine.map((q) => [q.file_name, q.line, q.rules])).toEqual([
        ["wages_20261031.csv", 3, ["unknown_reference:contributor_id"]],
      ]);
      expect(result).toEqual(await outcome(inbox, WITHOUT_PROOFS));
    }
  });

  const notLoaded =
    "prove nothing from a row that did not load: a reference to a quarantined contributor, a key an earlier file of the run loaded";
  it(notLoaded, async () => {
    const inbox = join(tempDir(), "inbox");
    const [c1, c2] = [nationalId("100000001"), nationalId("100000002")];
    writeDelivery(inbox, "d1", "2026-11-01T02:00:00+03:00", [
      { name: "employers_20261031.csv", entity: "employers", text: csv("employers", [employer("100000001")]) },
      // c2 breaks a rule, so nothing may name it; c1 is sent again, changed, by the next delivery.
      {
        name: "contributors_20261031.csv",
        entity: "contributors",
        text: csv("contributors", [contributor(c1), contributor(c2, { gender: "X" })]),
      },
      {
        name: "engagements_20261031.csv",
        entity: "engagements",
        text: csv("engagements", [engagement("E1", c1, "100000001"), engagement("E2", c2, "100000001")]),
      },
      { name: "wages_20261031.csv", entity: "wages", text: csv("wages", [wage("2026-10", "100000001", c1)]) },
    ]);
    writeDelivery(inbox, "d2", "2026-11-02T02:00:00+03:00", [
      {
        name: "contributors_20261101.csv",
        entity: "contributors",
        text: csv("contributors", [contributor(c1, { name_en: "Renamed" })]),
      },
      // The same wage again (a re-send, skipped) and with another amount (a conflict, quarantined).
      { name: "wages_20261101.csv", entity: "wages", text: csv("wages", [wage("2026-10", "100000001", c1)]) },
      {
        name: "wages_20261101_2.csv",
        entity: "wages",
        text: csv("wages", [wage("2026-10", "100000001", c1, { basic_wage: "9999.00" })]),
      },
    ]);
    const plain = (await outcome(inbox, WITHOUT_PROOFS)) as {
      loads: { file_name: string; loaded: number; skipped: number; quarantined: number }[];
    };
    expect(plain.loads.map((l) => [l.file_name, l.loaded, l.skipped, l.quarantined])).toEqual([
      ["employers_20261031.csv", 1, 0, 0],
      ["contributors_20261031.csv", 1, 0, 1],
      ["engagements_20261031.csv", 1, 0, 1],
      ["wages_20261031.csv", 1, 0, 0],
      ["contributors_20261101.csv", 1, 0, 0],
      ["wages_20261101.csv", 0, 1, 0],
      ["wages_20261101_2.csv", 0, 0, 1],
    ]);
    expect(await outcome(inbox, { scanThread: "main" })).toEqual(plain);
    expect(await outcome(inbox, { scanThread: "worker" })).toEqual(plain);
  });

  it("prove a reference only through codes that stand for one text: digits, not a hashed invoice number", async () => {
    const inbox = join(tempDir(), "inbox");
    writeDelivery(inbox, "d1", "2026-11-01T02:00:00+03:00", [
      { name: "employers_20261031.csv", entity: "employers", text: csv("employers", [employer("100000001")]) },
      { name: "invoices_20261031.csv", entity: "invoices", text: csv("invoices", [invoice("INV-1", "100000001")]) },
      {
        name: "invoice_adjustments_20261031.csv",
        entity: "invoice_adjustments",
        text: csv("invoice_adjustments", [adjustment("A1", "INV-1")]),
      },
    ]);
    const logger = memoryLogger();
    await ingestInbox({ inbox, db: join(tempDir(), "warehouse.duckdb"), scanThread: "worker" }, { logger, now: FIXED_NOW });
    const proved = (file: string) => logger.lines.find((l) => l.message.startsWith(`${file}: inserted`))?.message;
    expect(proved("invoices_20261031.csv")).toMatch(/employer_id found/);
    expect(proved("invoice_adjustments_20261031.csv")).toMatch(/\(proved: keys unique, no earlier keys\)/);
  });
});
