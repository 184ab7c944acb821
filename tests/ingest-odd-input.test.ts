// Odd deliveries that once stopped a run or lost rows: each now ends as a reasoned rejection or a load.
import { describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { csv, writeDelivery } from "./helpers/deliveries.ts";
import { employer, payment } from "./helpers/rows.ts";
import { ingest, loadsOf, query, quarantineOf, workspace } from "./helpers/warehouse.ts";
import { ingestInbox } from "../pipelines/ingest/index.ts";
import { memoryLogger } from "../pipelines/lib/context.ts";
import { EnvironmentError } from "../pipelines/lib/errors.ts";
import { jsonErrorOffset } from "../pipelines/lib/json-offset.ts";
import { Utf8Sniffer } from "../pipelines/ingest/code-page.ts";
import fc from "fast-check";
import iconv from "iconv-lite";

const employers = {
  name: "employers_20261101.csv",
  entity: "employers",
  text: csv("employers", [employer("100000001")]),
};
const paymentsFile = (text: string, manifest = {}) => ({
  name: "payments_20261110.csv",
  entity: "payments",
  text,
  manifest,
});

describe("odd folders and manifests", () => {
  const oddNames =
    "a manifest or a named file that is a folder, a link to nothing, a created_at no calendar has: reasons, and the rest applies";
  it(oddNames, async () => {
    const ws = workspace();
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [employers]);
    const folderFile = writeDelivery(ws.inbox, "d2", "2026-11-02T02:00+03:00", [
      paymentsFile(csv("payments", [payment("P1", "100000001", "5.00")])),
    ]);
    mkdirSync(join(folderFile, "payments_20261111.csv"));
    const manifest = JSON.parse(readFileSync(join(folderFile, "manifest.json"), "utf8"));
    manifest.files.push({ ...manifest.files[0], name: "payments_20261111.csv" });
    writeFileSync(join(folderFile, "manifest.json"), JSON.stringify(manifest));
    mkdirSync(join(ws.inbox, "d3", "manifest.json"), { recursive: true });
    writeDelivery(ws.inbox, "d4", "2026-11-31T02:00:00+03:00", [paymentsFile(csv("payments", [payment("P9", "100000001", "5.00")]))]);
    symlinkSync(join(ws.dir, "nowhere"), join(ws.inbox, "d5"));

    const summary = await ingest(ws.inbox, ws.db);
    const byId = Object.fromEntries(summary.deliveries.map((d) => [d.deliveryId, [d.status, d.reason]]));
    expect(byId).toEqual({
      d1: ["applied", null],
      d2: ["applied", null],
      d3: ["rejected", "d3/manifest.json: is a folder, not a file"],
      d4: ["rejected", "d4/manifest.json: created_at: not a real point in time"],
    });
    expect(summary.files.map((f) => [f.fileName, f.status, f.reason])).toEqual([
      ["employers_20261101.csv", "loaded", null],
      ["payments_20261110.csv", "loaded", null],
      ["payments_20261111.csv", "rejected", "payments_20261111.csv: is a folder, not a file"],
    ]);
    // A created_at without seconds is ISO 8601 too: stored as the same instant.
    expect(await query(ws.db, "SELECT delivery_id, created_at FROM audit.deliveries WHERE delivery_id = 'd2'")).toEqual([
      { delivery_id: "d2", created_at: "2026-11-01T23:00:00.000Z" },
    ]);
  });

  it("a second folder under a delivery_id applied already is rejected with the reason, not passed over", async () => {
    const ws = workspace();
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [employers]);
    const copy = writeDelivery(ws.inbox, "d1-again", "2026-11-02T02:00:00+03:00", [
      paymentsFile(csv("payments", [payment("P1", "100000001", "5.00")])),
    ]);
    const manifest = JSON.parse(readFileSync(join(copy, "manifest.json"), "utf8"));
    writeFileSync(join(copy, "manifest.json"), JSON.stringify({ ...manifest, delivery_id: "d1" }));
    const summary = await ingest(ws.inbox, ws.db);
    expect(summary.deliveries.map((d) => [d.deliveryId, d.status, d.reason])).toEqual([
      ["d1", "applied", null],
      [
        "d1",
        "rejected",
        `d1-again: its manifest's delivery_id d1 was applied already from ${join(ws.inbox, "d1")}; give this delivery its own id`,
      ],
    ]);
  });

  it("a manifest that is no JSON is placed by line and column, whatever Node's message gives", async () => {
    const ws = workspace();
    mkdirSync(join(ws.inbox, "d1"), { recursive: true });
    writeFileSync(join(ws.inbox, "d1", "manifest.json"), '{\n  "files": [,]\n}');
    const [d1] = (await ingest(ws.inbox, ws.db)).deliveries;
    expect(d1!.reason).toBe("d1/manifest.json line 2, column 13: not valid JSON (Unexpected token ',')");
    // Where Node gives a position, the locator finds the same one.
    for (const text of ['{"a" 1}', '"abc', '{"a":1} x', '{\n  "delivery_id": "x",\n  oops\n}']) {
      let position = -1;
      try {
        JSON.parse(text);
      } catch (error) {
        position = Number(/position (\d+)/.exec((error as Error).message)![1]);
      }
      expect(jsonErrorOffset(text), text).toBe(position);
    }
    expect(jsonErrorOffset('{"a": [1, "b", {"c": null}]}')).toBeNull();
  });

  it("a warehouse whose folder cannot be made is an environment error, not a crash", async () => {
    const ws = workspace();
    mkdirSync(ws.inbox, { recursive: true });
    writeFileSync(join(ws.dir, "a-file"), "");
    await expect(
      ingestInbox({ inbox: ws.inbox, db: join(ws.dir, "a-file", "w.duckdb") }, { logger: memoryLogger(), now: () => new Date() }),
    ).rejects.toThrow(EnvironmentError);
  });
});

describe("odd rows", () => {
  const header = csv("payments", []).trimEnd();
  const row = (id: string, amount: string, paidAt = "2026-11-09T10:00:00+03:00") => `${id},100000001,${amount},${paidAt},cash,,,,ST1`;

  it("a BOM and blank lines before the header; a timestamp without seconds; field counts as delivered", async () => {
    const ws = workspace();
    const text = `\uFEFF\n\n${header}\n${row("P1", "5.00", "2026-11-09T10:00+03:00")}\n${row("P2", "7.00")},extra\n,,,\n`;
    writeDelivery(ws.inbox, "d1", "2026-11-11T02:00:00+03:00", [employers, paymentsFile(text, { rows: 3, control_total: "12.00" })]);
    await ingest(ws.inbox, ws.db);
    expect(await query(ws.db, "SELECT payment_id, paid_at, _line FROM raw.payments")).toEqual([
      { payment_id: "P1", paid_at: "2026-11-09T07:00:00.000Z", _line: 4 },
    ]);
    expect((await quarantineOf(ws.db)).map((q) => [q.line, q.reasons])).toEqual([
      [5, ["wrong number of fields: the header has 9, this row 10"]],
      [6, ["wrong number of fields: the header has 9, this row 4"]],
    ]);
  });

  it("a header whose quoted name runs over two lines", async () => {
    const ws = workspace();
    const text = `${header},"a note\nover two lines"\n${row("P1", "5.00")},x\n${row("P2", "7.00")},y\n`;
    writeDelivery(ws.inbox, "d1", "2026-11-11T02:00:00+03:00", [employers, paymentsFile(text, { rows: 2, control_total: "12.00" })]);
    const summary = await ingest(ws.inbox, ws.db);
    expect(summary.files.at(-1)).toMatchObject({
      status: "loaded",
      loaded: 2,
      reason: "extra columns ignored: a note\nover two lines",
    });
    expect(await query(ws.db, "SELECT payment_id, _line FROM raw.payments ORDER BY _line")).toEqual([
      { payment_id: "P1", _line: 3 },
      { payment_id: "P2", _line: 4 },
    ]);
  });

  it("a carriage return that ends no line rejects the file, saying on which line", async () => {
    const ws = workspace();
    const text = `${header}\n${row("P1", "5.00")}\n${row("P2", "7.00").replace("ST1", "ST\r1")}\n`;
    writeDelivery(ws.inbox, "d1", "2026-11-11T02:00:00+03:00", [employers, paymentsFile(text, { rows: 2, control_total: "12.00" })]);
    const summary = await ingest(ws.inbox, ws.db);
    expect(summary.files.at(-1)).toMatchObject({
      status: "rejected",
      reason: "payments_20261110.csv: line 3: a carriage return that ends no line (lines end in LF or CRLF)",
    });
  });

  it("a control value counts alike in a row DuckDB reads and in one it cannot: plain decimals only", async () => {
    const ws = workspace();
    // 1e3 is no SAR amount in either row; only the plain numbers count toward the manifest's total.
    const text = `${header}\n${row("P1", "5.00")}\n${row("P2", "1e3")}\n${row("P3", "1e3")},extra\n${row("P4", "2.50")},extra\n`;
    writeDelivery(ws.inbox, "d1", "2026-11-11T02:00:00+03:00", [employers, paymentsFile(text, { rows: 4, control_total: "7.50" })]);
    await ingest(ws.inbox, ws.db);
    expect((await loadsOf(ws.db)).map((l) => [l.file_name, l.status, l.loaded, l.quarantined])).toEqual([
      ["employers_20261101.csv", "loaded", 1, 0],
      ["payments_20261110.csv", "loaded", 1, 3],
    ]);
  });
});

describe("encodings", () => {
  it("a UTF-8 file its manifest calls windows-1256 is rejected, not loaded garbled", async () => {
    const ws = workspace();
    const arabic = csv("employers", [employer("100000001", { name_ar: "شركة التجربة" })]);
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [{ ...employers, text: arabic, manifest: { encoding: "windows-1256" } }]);
    const [file] = (await ingest(ws.inbox, ws.db)).files;
    expect(file).toMatchObject({
      status: "rejected",
      reason:
        "employers_20261101.csv: manifest.json says windows-1256, but the file is UTF-8 text: read so, its Arabic would come out garbled",
    });
  });

  it("UTF-8 is told from Windows-1256 however the bytes are cut into chunks", () => {
    const text = "employer_id,name_ar\n100000001,شركة التجربة «الأولى» 𝔸\n";
    for (const [bytes, utf8] of [
      [Buffer.from(text, "utf8"), true],
      [iconv.encode(text.replace("𝔸", ""), "windows-1256"), false],
      [Buffer.from("ascii only\n"), false],
    ] as const) {
      fc.assert(
        fc.property(fc.array(fc.nat(bytes.length), { maxLength: 6 }), (cuts) => {
          const sniffer = new Utf8Sniffer();
          const at = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
          for (let k = 1; k < at.length; k++) sniffer.push(bytes.subarray(at[k - 1], at[k]));
          return sniffer.readsAsUtf8() === utf8;
        }),
      );
    }
  });
});
