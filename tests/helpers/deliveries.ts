// Builds small deliveries for tests: CSV text as written, a manifest computed from it (or spoiled on purpose).
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { Decimal } from "decimal.js";
import { columnsOf, controlColumn, entityByName } from "../../pipelines/contracts/index.ts";
import { parseHeader } from "../../pipelines/ingest/csv-structure.ts";

export const tempDir = (prefix = "tahseel-test-") => mkdtempSync(join(tmpdir(), prefix));

export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** CSV text of rows in the contract's column order (or `columns`). */
export function csv(entity: string, rows: Record<string, string | null>[], columns?: string[]): string {
  const cols = columns ?? columnsOf(entityByName(entity)!).map((c) => c.name);
  return `${[cols.join(","), ...rows.map((r) => cols.map((c) => csvField(r[c])).join(","))].join("\n")}\n`;
}

export interface FileSpec {
  name: string;
  entity: string;
  text: string;
  encoding?: "utf-8" | "windows-1256";
  /** Override manifest values to plant a mismatch. */
  manifest?: Partial<{ rows: number; control_total: string; sha256: string; encoding: "utf-8" | "windows-1256" }>;
  /** Leave the file out of the folder (the manifest still names it). */
  missing?: boolean;
}

/** Physical data rows of CSV text, counted as the manifest counts them (records, not lines). */
function countRows(text: string): { rows: number; control: Decimal; header: string[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = parseHeader(lines[0] ?? "");
  let rows = 0;
  let control = new Decimal(0);
  let open = false;
  let record = "";
  for (const line of lines.slice(1)) {
    record = open ? `${record}\n${line}` : line;
    const quotes = (record.match(/"/g) ?? []).length;
    open = quotes % 2 === 1;
    if (open || record === "") continue;
    rows++;
    const entityControl = header.indexOf("total_amount") >= 0 ? "total_amount" : header.indexOf("amount") >= 0 ? "amount" : null;
    const value = entityControl ? parseHeader(record)[header.indexOf(entityControl)] : undefined;
    if (value && /^-?\d+(\.\d+)?$/.test(value)) control = control.plus(value);
  }
  return { rows, control, header };
}

export function writeDelivery(inbox: string, id: string, createdAt: string, files: FileSpec[]): string {
  const folder = join(inbox, id);
  mkdirSync(folder, { recursive: true });
  const entries = files.map((f) => {
    const bytes = f.encoding === "windows-1256" ? iconv.encode(f.text, "windows-1256") : Buffer.from(f.text, "utf8");
    if (!f.missing) writeFileSync(join(folder, f.name), bytes);
    const counted = countRows(f.text);
    const hasControl = controlColumn(entityByName(f.entity)!) !== undefined;
    return {
      name: f.name,
      entity: f.entity,
      rows: f.manifest?.rows ?? counted.rows,
      ...(hasControl ? { control_total: f.manifest?.control_total ?? counted.control.toFixed(2) } : {}),
      sha256: f.manifest?.sha256 ?? createHash("sha256").update(bytes).digest("hex"),
      encoding: f.manifest?.encoding ?? f.encoding ?? "utf-8",
    };
  });
  writeFileSync(
    join(folder, "manifest.json"),
    JSON.stringify({ delivery_id: id, created_at: createdAt, source: "test", files: entries }, null, 2),
  );
  return folder;
}
