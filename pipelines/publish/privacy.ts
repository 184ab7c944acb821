// The proof a management build holds no personal or per-employer detail: every file built is
// searched for every national id, employer id and commercial registration number, and every
// contributor and employer name in the warehouse. The audit build is scanned the same way, so the
// manifest shows the difference.
import type { DuckDBConnection } from "@duckdb/node-api";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { queryRows } from "../lib/duckdb.ts";

export interface Needles {
  identifiers: Map<string, string>;
  names: Map<string, string>;
  longestName: number;
}

export interface PrivacyHit {
  file: string;
  kind: string;
  value: string;
}

export interface PrivacyScan {
  files: number;
  bytes: number;
  identifiers_searched: number;
  names_searched: number;
  hits: number;
  /** The first hits (all of them are counted above). */
  sample: PrivacyHit[];
}

const BINARY = /\.(png|jpe?g|gif|webp|ico|woff2?|ttf|otf|pdf|wasm|parquet|arrow)$/i;

/** Words as the scan sees them: letters, digits, marks, joined by hyphens or apostrophes. */
export const words = (text: string) =>
  text
    .split(/[^\p{L}\p{N}\p{M}'.-]+/u)
    .map((w) => w.replace(/^[.'-]+|[.'-]+$/g, "").toLowerCase())
    .filter(Boolean);

export async function loadNeedles(connection: DuckDBConnection): Promise<Needles> {
  const identifiers = new Map<string, string>();
  const names = new Map<string, string>();
  const rows = await queryRows<{ kind: string; value: string }>(
    connection,
    `SELECT DISTINCT 'contributor_id' AS kind, contributor_id AS value FROM raw.contributors
     UNION SELECT 'employer_id', employer_id FROM raw.employers
     UNION SELECT 'cr_number', cr_number FROM raw.employers WHERE cr_number IS NOT NULL
     UNION SELECT 'contributor_name', name_ar FROM raw.contributors WHERE name_ar IS NOT NULL
     UNION SELECT 'contributor_name', name_en FROM raw.contributors WHERE name_en IS NOT NULL
     UNION SELECT 'employer_name', name_ar FROM raw.employers WHERE name_ar IS NOT NULL
     UNION SELECT 'employer_name', name_en FROM raw.employers WHERE name_en IS NOT NULL`,
  );
  let longestName = 0;
  for (const { kind, value } of rows) {
    if (kind.endsWith("_name")) {
      const w = words(value);
      // a one-word "name" would match ordinary words; every real name here has two or more
      if (w.length < 2) continue;
      names.set(w.join(" "), kind);
      longestName = Math.max(longestName, w.length);
    } else identifiers.set(value, kind);
  }
  return { identifiers, names, longestName };
}

/** Undoes the escapes a bundler or HTML writer may have applied, so an escaped name is still found. */
const unescapeText = (text: string) =>
  text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

export function scanText(text: string, needles: Needles, file: string, hits: PrivacyHit[]): void {
  const plain = unescapeText(text);
  // a run of 9–10 digits that is not part of a longer number or an amount's integer part
  for (const m of plain.matchAll(/(?<!\d)\d{9,10}(?!\d|\.\d\d(?!\d))/g)) {
    const kind = needles.identifiers.get(m[0]);
    if (kind) hits.push({ file, kind, value: m[0] });
  }
  if (!needles.names.size) return;
  const w = words(plain);
  for (let i = 0; i < w.length; i++) {
    let phrase = w[i]!;
    for (let n = 2; n <= needles.longestName && i + n <= w.length; n++) {
      phrase += ` ${w[i + n - 1]}`;
      const kind = needles.names.get(phrase);
      if (kind) hits.push({ file, kind, value: phrase });
    }
  }
}

export function scanTree(roots: string[], needles: Needles, base: string, skip: string[] = []): PrivacyScan {
  const hits: PrivacyHit[] = [];
  let files = 0;
  let bytes = 0;
  const visit = (path: string) => {
    if (skip.includes(path)) return;
    const s = statSync(path);
    if (s.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else if (!BINARY.test(path)) {
      files++;
      bytes += s.size;
      scanText(readFileSync(path, "utf8"), needles, relative(base, path), hits);
    }
  };
  for (const root of roots) visit(root);
  return {
    files,
    bytes,
    identifiers_searched: needles.identifiers.size,
    names_searched: needles.names.size,
    hits: hits.length,
    sample: hits.slice(0, 20),
  };
}
