// Whole files and deliveries: rejected whole with a reason, skipped when seen, never half-loaded.
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { csv, writeDelivery } from "./helpers/deliveries.ts";
import { contributor, employer, nationalId, payment } from "./helpers/rows.ts";
import { ingest, loadsOf, query, quarantineOf, workspace } from "./helpers/warehouse.ts";
import iconv from "iconv-lite";
import { codePageToUtf8 } from "../pipelines/ingest/code-page.ts";

const C1 = nationalId("100000001");
const employers = {
  name: "employers_20261101.csv",
  entity: "employers",
  text: csv("employers", [employer("100000001")]),
};
const payments = (rows = [payment("P1", "100000001", "100.00"), payment("P2", "100000001", "23.45")]) => ({
  name: "payments_20261110.csv",
  entity: "payments",
  text: csv("payments", rows),
});

async function rejectionOf(files: Parameters<typeof writeDelivery>[3]): Promise<{ reason: string; payments: number }> {
  const ws = workspace();
  writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [employers, ...files]);
  await ingest(ws.inbox, ws.db);
  const load = (await loadsOf(ws.db)).find((l) => l.file_name !== employers.name)!;
  expect(load).toMatchObject({ status: "rejected", loaded: 0, skipped: 0, quarantined: 0 });
  const [{ n }] = (await query<{ n: number }>(ws.db, "SELECT count(*) AS n FROM raw.payments")) as [{ n: number }];
  return { reason: load.reason!, payments: n };
}

describe("a file is rejected whole, with its reason", () => {
  it.each([
    ["sha256 mismatch", { manifest: { sha256: "0".repeat(64) } }, /sha256 is [0-9a-f]{64}, manifest says 0{64}/],
    ["row count mismatch", { manifest: { rows: 3 } }, /has 2 data rows, manifest says 3/],
    ["control total mismatch", { manifest: { control_total: "123.40" } }, /control total of amount is 123\.45, manifest says 123\.40/],
    ["missing file", { missing: true }, /named in manifest.json but missing/],
  ])("%s", async (_what, spoil, reason) => {
    const r = await rejectionOf([{ ...payments(), ...spoil }]);
    expect(r.reason).toMatch(reason);
    expect(r.payments).toBe(0);
  });

  it("a missing required column, naming it", async () => {
    const text = csv("payments", [payment("P1", "100000001", "1.00")]).replace("posted_by", "poster");
    expect((await rejectionOf([{ name: "payments_20261110.csv", entity: "payments", text }])).reason).toMatch(
      /line 1: header lacks required column posted_by/,
    );
  });

  it("a contract column named twice, at the header's line and column", async () => {
    const text =
      "\n" +
      csv("payments", [payment("P1", "100000001", "1.00")])
        .replace("posted_by", "posted_by,amount")
        .replace(/\n(.*)\n$/, "\n$1,2.00\n");
    expect((await rejectionOf([{ name: "payments_20261110.csv", entity: "payments", text }])).reason).toMatch(
      /line 2, column 10: header names "amount" twice/,
    );
  });

  it("an empty file, a binary file, a truncated file", async () => {
    expect((await rejectionOf([{ name: "payments_20261110.csv", entity: "payments", text: "" }])).reason).toMatch(
      /empty file: no header line/,
    );
    const binary = { name: "payments_20261110.csv", entity: "payments", text: "PK\u0003\u0004\u0000\u0000binary" };
    expect((await rejectionOf([binary])).reason).toMatch(/not a CSV text file \(NUL byte at offset 4\)/);
    const full = payments().text;
    // The manifest describes the whole file; the delivery lost its tail on the way.
    const sha256 = createHash("sha256").update(full).digest("hex");
    const truncated = {
      ...payments(),
      text: full.slice(0, full.length - 20),
      manifest: { rows: 2, control_total: "123.45", sha256 },
    };
    expect((await rejectionOf([truncated])).reason).toMatch(/sha256 is [0-9a-f]+, manifest says/);
  });
});

describe("deliveries", () => {
  it("a header-only file loads nothing and is no error; an extra column is ignored and reported", async () => {
    const ws = workspace();
    const extra = csv("payments", [payment("P1", "100000001", "5.00")])
      .replace("posted_by\n", "posted_by,note\n")
      .replace("SYSTEM\n", "SYSTEM,hello\n");
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      employers,
      { name: "contributors_20261101.csv", entity: "contributors", text: csv("contributors", []) },
      { name: "payments_20261110.csv", entity: "payments", text: extra },
    ]);
    await ingest(ws.inbox, ws.db);
    const loads = await loadsOf(ws.db);
    expect(loads.map((l) => [l.file_name, l.status, l.rows, l.loaded])).toEqual([
      ["employers_20261101.csv", "loaded", 1, 1],
      ["contributors_20261101.csv", "loaded", 0, 0],
      ["payments_20261110.csv", "loaded", 1, 1],
    ]);
    expect(loads[2]!.reason).toBe("extra columns ignored: note");
  });

  it("a folder without a manifest, or with a broken one, is rejected with where and what; the others apply", async () => {
    const ws = workspace();
    mkdirSync(join(ws.inbox, "d0-no-manifest"), { recursive: true });
    mkdirSync(join(ws.inbox, "d0-bad-json"), { recursive: true });
    writeFileSync(join(ws.inbox, "d0-bad-json", "manifest.json"), '{\n  "delivery_id": "x",\n  oops\n}');
    mkdirSync(join(ws.inbox, "d0-bad-field"), { recursive: true });
    writeFileSync(
      join(ws.inbox, "d0-bad-field", "manifest.json"),
      JSON.stringify({ delivery_id: "y", created_at: "yesterday", source: "s", files: [] }),
    );
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [employers]);
    const summary = await ingest(ws.inbox, ws.db);
    const byId = Object.fromEntries(summary.deliveries.map((d) => [d.deliveryId, d]));
    expect(byId.d1!.status).toBe("applied");
    expect(byId["d0-no-manifest"]!.reason).toMatch(/no manifest.json/);
    expect(byId["d0-bad-json"]!.reason).toMatch(/manifest.json line 3, column 3: not valid JSON/);
    expect(byId["d0-bad-field"]!.reason).toMatch(/created_at: an ISO 8601 timestamp with offset/);

    // The manifest arrives after the files (a copy still running when the job looked): the next run applies it.
    writeDelivery(ws.inbox, "d0-no-manifest", "2026-11-02T02:00:00+03:00", [payments()]);
    const again = await ingest(ws.inbox, ws.db);
    expect(again.deliveries.map((d) => [d.deliveryId, d.status])).toEqual([
      ["d1", "already_applied"],
      ["d0-no-manifest", "applied"],
      ["d0-bad-field", "rejected"],
      ["d0-bad-json", "rejected"],
    ]);
    expect(again.files.map((f) => [f.fileName, f.status, f.loaded])).toEqual([["payments_20261110.csv", "loaded", 2]]);
    const [recorded] = await query<{ status: string; reason: string | null }>(
      ws.db,
      "SELECT status, reason FROM audit.deliveries WHERE delivery_id = 'd0-no-manifest'",
    );
    expect(recorded).toEqual({ status: "applied", reason: null });
  });

  it("ingesting twice equals ingesting once; a re-sent file is skipped as a duplicate", async () => {
    const ws = workspace();
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [employers, payments()]);
    await ingest(ws.inbox, ws.db);
    const snapshot = async () => ({
      payments: await query(ws.db, "SELECT * FROM raw.payments ORDER BY payment_id"),
      employers: await query(ws.db, "SELECT * FROM raw.employers"),
      loads: (await loadsOf(ws.db)).length,
    });
    const once = await snapshot();
    const again = await ingest(ws.inbox, ws.db);
    expect(again.files).toEqual([]);
    expect(await snapshot()).toEqual(once);
    writeDelivery(ws.inbox, "d2", "2026-11-02T02:00:00+03:00", [payments()]);
    await ingest(ws.inbox, ws.db);
    const last = (await loadsOf(ws.db)).at(-1)!;
    expect(last).toMatchObject({ status: "skipped_duplicate", rows: 2, loaded: 0, skipped: 2, quarantined: 0 });
    expect((await snapshot()).payments).toEqual(once.payments);
  });

  it("decodes Windows-1256 files and keeps Arabic text exactly", async () => {
    const ws = workspace();
    const name = 'مؤسسة الرياض للتجارة، "فرع جدة"';
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      {
        name: "employers_20261101.csv",
        entity: "employers",
        text: csv("employers", [employer("100000001", { name_ar: name })]),
        encoding: "windows-1256",
      },
      {
        name: "contributors_20261101.csv",
        entity: "contributors",
        text: `\uFEFF${csv("contributors", [contributor(C1, { name_ar: "عبدالرحمن بن سعود" })]).replaceAll("\n", "\r\n")}`,
      },
    ]);
    await ingest(ws.inbox, ws.db);
    expect(await query(ws.db, "SELECT name_ar FROM raw.employers")).toEqual([{ name_ar: name }]);
    expect(await query(ws.db, "SELECT contributor_id, name_ar FROM raw.contributors")).toEqual([
      { contributor_id: C1, name_ar: "عبدالرحمن بن سعود" },
    ]);
  });

  it("quarantines the rows of a Windows-1256 file that its manifest calls utf-8 as not UTF-8, and loads the rest", async () => {
    const ws = workspace();
    const rows = [employer("100000001", { name_ar: "شركة" }), employer("100000002", { name_ar: "Tahseel" })];
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      {
        name: "employers_20261101.csv",
        entity: "employers",
        text: csv("employers", rows),
        encoding: "windows-1256",
        manifest: { encoding: "utf-8" },
      },
    ]);
    await ingest(ws.inbox, ws.db);
    expect((await quarantineOf(ws.db)).map((q) => [q.line, q.rules, q.reasons[0]!.split(",")[0]])).toEqual([
      [2, ["not_utf8"], "name_ar: not UTF-8 text"],
    ]);
    expect(await query(ws.db, "SELECT employer_id FROM raw.employers")).toEqual([{ employer_id: "100000002" }]);
    expect(await loadsOf(ws.db)).toMatchObject([{ status: "loaded", rows: 2, loaded: 1, quarantined: 1 }]);
  });

  it("decodes Windows-1256 byte for byte as iconv-lite does, however the chunks are cut", () => {
    const decode = codePageToUtf8("windows-1256");
    const every = Buffer.from(Array.from({ length: 256 }, (_, b) => b));
    expect(decode(every).toString("utf8")).toBe(iconv.decode(every, "windows-1256"));
    let seed = 7;
    const random = Buffer.from(
      Array.from({ length: 50_000 }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % 256;
      }),
    );
    const halves = Buffer.concat([decode(random.subarray(0, 12_345)), decode(random.subarray(12_345))]);
    expect(halves.equals(Buffer.from(iconv.decode(random, "windows-1256"), "utf8"))).toBe(true);
  });
});
