// `--faults`: every planted bad row and bad file is listed in faults.csv with the outcome the ingest
// owes it, sits where the list says, and leaves the good data exactly as a run without faults.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifestSchema } from "../pipelines/contracts/manifest.ts";
import { generateDeliveries } from "../pipelines/generate/index.ts";
import { readRows } from "../pipelines/generate/csv-reader.ts";
import { formatSar, tryParseSar } from "../pipelines/rules/index.ts";

const root = mkdtempSync(join(tmpdir(), "tahseel-faults-"));
const out = join(root, "faulty");
let faults: Record<string, string | null>[];

beforeAll(async () => {
  await generateDeliveries({ out, employers: 50, months: 12, end: "2026-10", seed: "1", faults: true });
  faults = readRows(join(out, "faults.csv"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const manifestOf = (delivery: string) =>
  manifestSchema.parse(JSON.parse(readFileSync(join(out, "inbox", delivery, "manifest.json"), "utf8")));
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Physical lines of a delivered file, decoded per its manifest. */
function lines(delivery: string, file: string): string[] {
  const entry = manifestOf(delivery).files.find((f) => f.name === file)!;
  const bytes = readFileSync(join(out, "inbox", delivery, file));
  const text = entry.encoding === "windows-1256" ? iconv.decode(bytes, "win1256") : bytes.toString("utf8");
  return text.replace(/^\uFEFF/, "").split(/\r?\n/);
}

describe("planted faults", () => {
  it("covers every kind of bad row and bad file the issue lists", () => {
    const kinds = new Set(faults.map((f) => f.kind));
    for (const kind of [
      "wrong_type",
      "bad_enum",
      "failed_check_digit",
      "negative_amount",
      "unknown_reference",
      "identical_resend",
      "conflicting_key",
      "unterminated_quote",
      "junk_after_quote",
      "too_many_fields",
      "too_few_fields",
      "manifest_rows_mismatch",
      "manifest_control_mismatch",
      "manifest_sha256_mismatch",
      "missing_file",
      "missing_column",
      "empty_file",
      "header_only",
      "not_csv",
      "truncated_file",
      "missing_manifest",
      "unknown_column",
      "file_resent",
      "resend_across_deliveries",
      "conflicting_key_across_deliveries",
      "implausible_age",
    ])
      expect(kinds, kind).toContain(kind);
    for (const f of faults) expect(f.expected).toMatch(/^(quarantine|skip|reject|load|skip_delivery|skipped_duplicate):[a-z0-9_]+$/);
  });

  it("puts each bad row on the line faults.csv names", () => {
    const rows = faults.filter((f) => f.line !== null);
    expect(rows.length).toBeGreaterThan(40);
    for (const f of rows) {
      const text = lines(f.delivery!, f.file!)[Number(f.line) - 1];
      expect(text, `${f.delivery}/${f.file}:${f.line}`).toBeDefined();
      expect(text).not.toBe("");
    }
    const last = faults.find((f) => f.kind === "unterminated_quote")!;
    const file = lines(last.delivery!, last.file!);
    expect(file.at(-1)).toBe("");
    expect(Number(last.line)).toBe(file.length - 1);
    expect(file.at(-2)!.split('"').length % 2).toBe(0);
  });

  it("counts bad rows in the manifests' rows and control totals, so real files still verify", () => {
    for (const delivery of new Set(faults.filter((f) => f.line !== null).map((f) => f.delivery!))) {
      for (const entry of manifestOf(delivery).files) {
        const bytes = readFileSync(join(out, "inbox", delivery, entry.name));
        expect(sha(bytes)).toBe(entry.sha256);
        const physical = lines(delivery, entry.name).filter((l) => l !== "").length - 1;
        expect(entry.rows).toBe(physical);
      }
    }
    const payments = faults.find((f) => f.kind === "bad_enum" && f.file!.startsWith("payments"))!;
    const entry = manifestOf(payments.delivery!).files.find((f) => f.name === payments.file)!;
    const rows = readRows(join(out, "inbox", payments.delivery!, payments.file!));
    expect(entry.control_total).toBe(formatSar(rows.reduce((s, r) => s + (tryParseSar(r.amount ?? "") ?? 0), 0)));
  });

  it("builds bad files whose manifests disagree with them in exactly the planted way", () => {
    const file = (kind: string) => faults.find((f) => f.kind === kind)!;
    const entryOf = (f: Record<string, string | null>) => manifestOf(f.delivery!).files.find((e) => e.name === f.file)!;
    const bytesOf = (f: Record<string, string | null>) => readFileSync(join(out, "inbox", f.delivery!, f.file!));
    const rowsMismatch = file("manifest_rows_mismatch");
    expect(entryOf(rowsMismatch).rows).toBe(readRows(join(out, "inbox", rowsMismatch.delivery!, rowsMismatch.file!)).length + 1);
    expect(sha(bytesOf(file("manifest_sha256_mismatch")))).not.toBe(entryOf(file("manifest_sha256_mismatch")).sha256);
    expect(sha(bytesOf(file("truncated_file")))).not.toBe(entryOf(file("truncated_file")).sha256);
    expect(existsSync(join(out, "inbox", file("missing_file").delivery!, file("missing_file").file!))).toBe(false);
    expect(bytesOf(file("empty_file")).length).toBe(0);
    expect(bytesOf(file("header_only")).toString().trim().split("\n")).toHaveLength(1);
    expect(bytesOf(file("missing_column")).toString().split("\n")[0]).not.toContain("amount");
    expect(existsSync(join(out, "inbox", file("missing_manifest").delivery!, "manifest.json"))).toBe(false);
    const resent = file("file_resent");
    const original = resent.detail!.replace("byte-identical to ", "");
    expect(sha(bytesOf(resent))).toBe(sha(readFileSync(join(out, "inbox", original))));
  });

  it("leaves the good data as a run without faults writes it", async () => {
    const clean = join(root, "clean");
    await generateDeliveries({ out: clean, employers: 50, months: 12, end: "2026-10", seed: "1" });
    expect(readFileSync(join(clean, "answer_key.csv"))).toEqual(readFileSync(join(out, "answer_key.csv")));
    const touched = new Set(faults.map((f) => `${f.delivery}/${f.file}`));
    const cleanManifest = manifestSchema.parse(JSON.parse(readFileSync(join(clean, "inbox", "2026-03-01T0100", "manifest.json"), "utf8")));
    for (const entry of cleanManifest.files)
      if (!touched.has(`2026-03-01T0100/${entry.name}`))
        expect(readFileSync(join(out, "inbox", "2026-03-01T0100", entry.name))).toEqual(
          readFileSync(join(clean, "inbox", "2026-03-01T0100", entry.name)),
        );
    expect(existsSync(join(clean, "faults.csv"))).toBe(false);
  });
});
