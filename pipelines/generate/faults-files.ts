// Whole bad files and deliveries, built from slices of a real payments file so that, should an
// ingest wrongly load one, its rows would only repeat rows already loaded. Each sits in an extra
// delivery of its own, beside the real ones, so rejecting it costs the good data nothing.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatSar, tryParseSar } from "../rules/money.ts";
import { decodeFile, parseCsv } from "./csv-reader.ts";
import { csvField, CsvFile } from "./csv-writer.ts";
import { columnNames, manifestOf, writeManifest, type ManifestEntry, type WrittenDelivery } from "./deliveries.ts";
import { FAULT_COLUMNS, faultsPath, type FaultRecord } from "./faults.ts";
import { mix, Rng } from "./prng.ts";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

export function plantFileFaults(
  seed: number,
  deliveries: readonly WrittenDelivery[],
): { extra: WrittenDelivery[]; records: FaultRecord[] } {
  const rng = new Rng(mix(seed, 43));
  const candidates = deliveries
    .slice(Math.floor(deliveries.length / 3), Math.floor((2 * deliveries.length) / 3))
    .flatMap((d) => d.files.filter((f) => f.entity === "payments" && f.encoding === "utf-8").map((f) => ({ d, f })));
  if (candidates.length === 0) return { extra: [], records: [] };
  const { d: source, f: original } = candidates.reduce((a, b) => (b.f.rows > a.f.rows ? b : a));
  const [header, ...rows] = parseCsv(decodeFile(original.path));
  const canonical = columnNames("payments");
  const at = canonical.map((c) => header!.indexOf(c));
  const text = (count: number, columns = canonical) =>
    `${[columns.join(","), ...rows.slice(0, count).map((r) => columns.map((c) => csvField(r[at[canonical.indexOf(c)]!])).join(","))].join(
      "\n",
    )}\n`;
  const control = (count: number) =>
    formatSar(rows.slice(0, count).reduce((s, r) => s + (tryParseSar(r[at[canonical.indexOf("amount")]!] ?? "") ?? 0), 0));
  const rowsIn = (count: number) => Math.min(count, rows.length);
  const base = /^payments_\d{8}/.exec(original.name)![0];
  const day = source.id.slice(0, 10);
  const records: FaultRecord[] = [];
  const extra: WrittenDelivery[] = [];

  const delivery = (
    id: string,
    files: {
      name: string;
      bytes: Buffer | null;
      entry: Partial<ManifestEntry>;
      kind: string;
      expected: string;
      detail: string;
    }[],
    manifest = true,
  ) => {
    const folder = join(source.folder, "..", id);
    mkdirSync(folder, { recursive: true });
    const written: WrittenDelivery = {
      id,
      folder,
      createdAt: `${day}T${id.slice(11, 13)}:${id.slice(13, 15)}:00+03:00`,
      source: "billing-system",
      files: [],
    };
    const entries: ManifestEntry[] = [];
    for (const f of files) {
      if (f.bytes) writeFileSync(join(folder, f.name), f.bytes);
      const bytes = f.bytes ?? Buffer.alloc(0);
      entries.push({
        name: f.name,
        entity: "payments",
        rows: 0,
        control_total: "0.00",
        sha256: sha256(bytes),
        encoding: "utf-8",
        ...f.entry,
      });
      if (f.bytes)
        written.files.push({
          name: f.name,
          path: join(folder, f.name),
          entity: "payments",
          rows: 0,
          control: 0,
          sha256: sha256(bytes),
          bytes: bytes.length,
          encoding: "utf-8",
        });
      records.push({ delivery: id, file: f.name, line: null, kind: f.kind, expected: f.expected, detail: f.detail });
    }
    if (manifest)
      writeManifest(folder, {
        delivery_id: id,
        created_at: written.createdAt,
        source: "billing-system",
        files: entries,
      });
    else
      records.push({
        delivery: id,
        file: "manifest.json",
        line: null,
        kind: "missing_manifest",
        expected: "skip_delivery:missing_manifest",
        detail: "delivery folder without manifest.json",
      });
    extra.push(written);
  };
  const honest = (count: number, columns = canonical): Partial<ManifestEntry> => ({
    rows: rowsIn(count),
    control_total: control(count),
    sha256: sha256(Buffer.from(text(count, columns))),
  });
  const truncated = Buffer.from(text(6));
  const binary = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(Array.from({ length: 256 }, () => rng.int(0, 255))),
  ]);

  delivery(`${day}T0500`, [
    {
      name: `${base}_91.csv`,
      bytes: Buffer.from(text(1)),
      entry: { ...honest(1), rows: rowsIn(1) + 1 },
      kind: "manifest_rows_mismatch",
      expected: "reject:row_count_mismatch",
      detail: "manifest counts one row more than the file",
    },
    {
      name: `${base}_92.csv`,
      bytes: Buffer.from(text(2)),
      entry: { ...honest(2), control_total: formatSar((tryParseSar(control(2)) ?? 0) + 10_000) },
      kind: "manifest_control_mismatch",
      expected: "reject:control_total_mismatch",
      detail: "control total 100.00 above the file's",
    },
    {
      name: `${base}_93.csv`,
      bytes: Buffer.from(text(3)),
      entry: { ...honest(3), sha256: sha256(Buffer.from(`${text(3)}x`)) },
      kind: "manifest_sha256_mismatch",
      expected: "reject:sha256_mismatch",
      detail: "sha256 of other bytes",
    },
    {
      name: `${base}_94.csv`,
      bytes: null,
      entry: honest(4),
      kind: "missing_file",
      expected: "reject:missing_file",
      detail: "named in the manifest, absent from the folder",
    },
    {
      name: `${base}_95.csv`,
      bytes: Buffer.from(
        text(
          4,
          canonical.filter((c) => c !== "amount"),
        ),
      ),
      entry: {
        ...honest(
          4,
          canonical.filter((c) => c !== "amount"),
        ),
        control_total: control(4),
      },
      kind: "missing_column",
      expected: "reject:missing_column",
      detail: "required column amount absent",
    },
    {
      name: `${base}_96.csv`,
      bytes: Buffer.alloc(0),
      entry: { rows: 0 },
      kind: "empty_file",
      expected: "reject:empty_file",
      detail: "0 bytes: no header, so every required column is missing",
    },
    {
      name: `${base}_97.csv`,
      bytes: Buffer.from(`${canonical.join(",")}\n`),
      entry: { rows: 0 },
      kind: "header_only",
      expected: "load:header_only",
      detail: "a header and no rows: loads nothing, rejects nothing",
    },
    {
      name: `${base}_98.csv`,
      bytes: binary,
      entry: { rows: 3 },
      kind: "not_csv",
      expected: "reject:not_csv",
      detail: "PNG bytes",
    },
    {
      name: `${base}_99.csv`,
      bytes: truncated.subarray(0, truncated.length - Math.max(2, Math.floor(text(6).split("\n").at(-2)!.length / 2))),
      entry: honest(6),
      kind: "truncated_file",
      expected: "reject:sha256_mismatch",
      detail: "cut off mid-row; the manifest describes the whole file",
    },
  ]);
  delivery(
    `${day}T0510`,
    [
      {
        name: `${base}_90.csv`,
        bytes: Buffer.from(text(1)),
        entry: honest(1),
        kind: "file_in_unmanifested_delivery",
        expected: "skip_delivery:missing_manifest",
        detail: "not loaded while the delivery has no manifest",
      },
    ],
    false,
  );
  const resend = manifestOf(source).files.find((f) => f.name === original.name)!;
  delivery(`${day}T0520`, [
    {
      name: original.name,
      bytes: readFileSync(original.path),
      entry: resend,
      kind: "file_resent",
      expected: "skipped_duplicate:same_sha256",
      detail: `byte-identical to ${source.id}/${original.name}`,
    },
  ]);
  return { extra, records };
}

export function writeFaults(out: string, records: readonly FaultRecord[]): void {
  const file = new CsvFile(
    faultsPath(out),
    "faults.csv",
    { encoding: "utf-8", bom: false, crlf: false, columns: FAULT_COLUMNS },
    undefined,
  );
  const sorted = [...records].sort((a, b) =>
    a.delivery < b.delivery ? -1 : a.delivery > b.delivery ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0),
  );
  for (const r of sorted)
    file.writeRow({
      delivery: r.delivery,
      file: r.file,
      line: r.line === null ? null : String(r.line),
      kind: r.kind,
      expected: r.expected,
      detail: r.detail,
    });
  file.close();
}
