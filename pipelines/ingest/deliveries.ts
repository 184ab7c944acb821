// Finding the deliveries in an inbox and reading their manifests, in the order they must be applied.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { manifestSchema, type Manifest } from "../contracts/manifest.ts";
import { jsonErrorOffset } from "../lib/json-offset.ts";
import { unreadable } from "../lib/errors.ts";

export type DeliveryFolder =
  | { ok: true; folder: string; name: string; manifest: Manifest; createdAtMs: number }
  | { ok: false; folder: string; name: string; reason: string };

/** A delivery being applied, as its files are loaded and recorded. */
export interface Delivery {
  id: string;
  folder: string;
  /** created_at in UTC with its seconds spelled out: DuckDB reads no timestamp without seconds. */
  createdAt: string;
  /** The Riyadh calendar day of created_at. */
  day: string;
}

export function appliedDelivery({ folder, manifest }: Extract<DeliveryFolder, { ok: true }>): Delivery {
  const createdAt = new Date(manifest.created_at).toISOString();
  return { id: manifest.delivery_id, folder, createdAt, day: riyadhDay(manifest.created_at) };
}

/** The Riyadh calendar day (UTC+03:00, no daylight saving) of an ISO timestamp with offset. */
export function riyadhDay(timestamp: string): string {
  return new Date(Date.parse(timestamp) + 3 * 3600_000).toISOString().slice(0, 10);
}

function readManifest(folder: string, name: string): DeliveryFolder {
  const path = join(folder, "manifest.json");
  if (!existsSync(path)) return { ok: false, folder, name, reason: `${name}: no manifest.json in the delivery folder` };
  let text: string;
  try {
    text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  } catch (cause) {
    return { ok: false, folder, name, reason: `${name}/manifest.json: ${unreadable(cause)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Node pastes the whole text into some messages: the reason names the place instead.
    const message = (error instanceof Error ? error.message : String(error)).replace(/, ".*" is not valid JSON$/s, "");
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : jsonErrorOffset(text);
    const where = offset !== null ? locate(text, offset) : "";
    return { ok: false, folder, name, reason: `${name}/manifest.json${where}: not valid JSON (${message})` };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return { ok: false, folder, name, reason: `${name}/manifest.json: ${issues}` };
  }
  const names = parsed.data.files.map((f) => f.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) return { ok: false, folder, name, reason: `${name}/manifest.json: lists ${twice} twice` };
  return { ok: true, folder, name, manifest: parsed.data, createdAtMs: Date.parse(parsed.data.created_at) };
}

function locate(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return ` line ${line}, column ${column}`;
}

/** Every delivery folder of the inbox: good ones by created_at then folder name, bad ones by name. */
export function listDeliveries(inbox: string): DeliveryFolder[] {
  const folders = readdirSync(inbox)
    // A link to nothing is no delivery folder, and no reason to stop.
    .filter((n) => !n.startsWith(".") && statSync(join(inbox, n), { throwIfNoEntry: false })?.isDirectory())
    .sort();
  const all = folders.map((n) => readManifest(join(inbox, n), n));
  return all.sort((a, b) => {
    const ta = a.ok ? a.createdAtMs : Number.POSITIVE_INFINITY;
    const tb = b.ok ? b.createdAtMs : Number.POSITIVE_INFINITY;
    return ta - tb || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
}
