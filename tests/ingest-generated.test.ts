// The generator's deliveries through the real ingest: a clean generation loads without a single
// rejection; with --faults, every planted fault gets exactly the outcome the generator recorded.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generateDeliveries } from "../pipelines/generate/index.ts";
import { ingest, query, workspace } from "./helpers/warehouse.ts";

function faultsOf(out: string): { delivery: string; file: string; line: number | null; kind: string; expected: string }[] {
  const [, ...lines] = readFileSync(join(out, "faults.csv"), "utf8").trim().split("\n");
  return lines.map((l) => {
    const [delivery, file, line, kind, expected] = l.split(",") as [string, string, string, string, string];
    return { delivery, file, line: line ? Number(line) : null, kind, expected };
  });
}

const REJECTION: Record<string, RegExp> = {
  row_count_mismatch: /data rows, manifest says/,
  control_total_mismatch: /control total of .* manifest says/,
  sha256_mismatch: /sha256 is .*, manifest says/,
  missing_file: /missing from the delivery folder/,
  missing_column: /header lacks required column/,
  empty_file: /empty file/,
  not_csv: /not a CSV text file/,
};

describe("generated deliveries", () => {
  it("load cleanly: no rejection, no quarantine, every count reconciled", async () => {
    const ws = workspace();
    await generateDeliveries({ out: ws.dir, employers: 40, months: 3, seed: "clean" });
    const summary = await ingest(join(ws.dir, "inbox"), ws.db);
    expect(summary.deliveries.every((d) => d.status === "applied")).toBe(true);
    expect(summary.files.filter((f) => f.status !== "loaded")).toEqual([]);
    expect(summary.files.reduce((n, f) => n + f.quarantined, 0)).toBe(0);
    for (const f of summary.files) expect(f.loaded + f.skipped + f.quarantined).toBe(f.rows);
    const [{ n }] = (await query<{ n: number }>(ws.db, "SELECT count(*) AS n FROM raw.wages")) as [{ n: number }];
    expect(n).toBeGreaterThan(100);
  });

  it("with faults, each planted fault gets the outcome the generator expects", async () => {
    const ws = workspace();
    await generateDeliveries({ out: ws.dir, employers: 60, months: 4, seed: "faults", faults: true });
    const summary = await ingest(join(ws.dir, "inbox"), ws.db);
    const faults = faultsOf(ws.dir);
    expect(faults.length).toBeGreaterThan(30);
    const quarantine = await query<{ delivery_id: string; file_name: string; line: number; rules: string[] }>(
      ws.db,
      "SELECT delivery_id, file_name, line, rules FROM audit.quarantine",
    );
    const loads = await query<{
      delivery_id: string;
      file_name: string;
      status: string;
      reason: string | null;
      rows: number;
      loaded: number;
      skipped: number;
      quarantined: number;
    }>(ws.db, `SELECT delivery_id, file_name, status, reason, "rows", loaded, skipped, quarantined FROM audit.loads`);
    const loadOf = (f: { delivery: string; file: string }) => loads.find((l) => l.delivery_id === f.delivery && l.file_name === f.file);
    const quarantinedAt = (f: { delivery: string; file: string; line: number | null }) =>
      quarantine.find((q) => q.delivery_id === f.delivery && q.file_name === f.file && q.line === f.line);

    for (const f of faults) {
      const [outcome, detail] = f.expected.split(":") as [string, string];
      const where = `${f.delivery}/${f.file}:${f.line} ${f.kind}`;
      if (outcome === "quarantine") {
        const q = quarantinedAt(f);
        expect(q, where).toBeDefined();
        expect(
          q!.rules.map((r) => r.split(":")[0]),
          where,
        ).toContain(detail);
      } else if (outcome === "skip") {
        expect(quarantinedAt(f), where).toBeUndefined();
        expect(loadOf(f)?.skipped, where).toBeGreaterThan(0);
      } else if (outcome === "reject") {
        expect(loadOf(f)?.status, where).toBe("rejected");
        expect(loadOf(f)?.reason, where).toMatch(REJECTION[detail]!);
      } else if (outcome === "load" && detail === "header_only") {
        expect(loadOf(f), where).toMatchObject({ status: "loaded", rows: 0 });
      } else if (outcome === "load" && detail === "unknown_column_reported") {
        expect(loadOf(f)?.status, where).toBe("loaded");
        expect(loadOf(f)?.reason, where).toMatch(/extra columns ignored: /);
      } else if (outcome === "skip_delivery") {
        expect(summary.deliveries.find((d) => d.deliveryId === f.delivery)?.status, where).toBe("rejected");
      } else if (outcome === "skipped_duplicate") {
        expect(loadOf(f)?.status, where).toBe("skipped_duplicate");
      } else {
        throw new Error(`unknown expected outcome ${f.expected}`);
      }
    }
    // Nothing is quarantined that was not planted, and every file that was read reconciles.
    const planted = new Set(faults.filter((f) => f.line !== null).map((f) => `${f.delivery}/${f.file}:${f.line}`));
    expect(quarantine.filter((q) => !planted.has(`${q.delivery_id}/${q.file_name}:${q.line}`))).toEqual([]);
    for (const l of loads.filter((l) => l.status !== "rejected")) expect(l.loaded + l.skipped + l.quarantined).toBe(l.rows);
  });
});
