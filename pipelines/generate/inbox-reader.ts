// Reading a generated inbox back whole (tests, checks): every delivery's manifest and the rows of
// its files, decoded and keyed by header. For sample-sized inboxes: it holds everything in memory.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { manifestSchema, type Manifest } from "../contracts/manifest.ts";
import { readRows } from "./csv-reader.ts";

export type TextRow = Record<string, string | null>;

export interface ReadDelivery {
  id: string;
  folder: string;
  manifest: Manifest;
  /** Rows of each manifest file, in manifest order. */
  files: { name: string; entity: string; rows: TextRow[] }[];
}

/** Deliveries in apply order (created_at, then folder name); folders without a manifest are skipped. */
export function readInbox(inbox: string): ReadDelivery[] {
  const deliveries: ReadDelivery[] = [];
  for (const id of readdirSync(inbox).sort()) {
    const folder = join(inbox, id);
    const path = join(folder, "manifest.json");
    if (!existsSync(path)) continue;
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(path, "utf8")));
    const files = manifest.files.map((f) => ({
      name: f.name,
      entity: f.entity,
      rows: readRows(join(folder, f.name), f.encoding),
    }));
    deliveries.push({ id, folder, manifest, files });
  }
  return deliveries.sort((a, b) =>
    a.manifest.created_at < b.manifest.created_at ? -1 : a.manifest.created_at > b.manifest.created_at ? 1 : a.id < b.id ? -1 : 1,
  );
}

/** Every row of `entity` across the inbox, in delivery order. */
export function rowsOf(deliveries: readonly ReadDelivery[], entity: string): TextRow[] {
  return deliveries.flatMap((d) => d.files.filter((f) => f.entity === entity).flatMap((f) => f.rows));
}
