// Reading back what the generator wrote (tests, and copies of files for planted faults): decodes
// the file's encoding, drops a BOM, and splits RFC 4180 rows. Small files only: it reads whole.
import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import type { Encoding } from "./csv-writer.ts";

export function decodeFile(path: string, encoding: Encoding = "utf-8"): string {
  const bytes = readFileSync(path);
  const text = encoding === "windows-1256" ? iconv.decode(bytes, "win1256") : bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Rows of fields; an empty unquoted field is null, as extracts.md says. */
export function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let value: string | null;
    if (text[i] === '"') {
      let j = i + 1;
      let out = "";
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new Error(`unterminated quote at offset ${i}`);
        out += text.slice(j, q);
        if (text[q + 1] === '"') {
          out += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      value = out;
    } else {
      let j = i;
      while (j < n && text[j] !== "," && text[j] !== "\n" && text[j] !== "\r") j++;
      value = j === i ? null : text.slice(i, j);
      i = j;
    }
    row.push(value);
    if (text[i] === ",") i++;
    else {
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      rows.push(row);
      row = [];
    }
  }
  if (row.length) rows.push(row);
  return rows;
}

/** A file as objects keyed by its header. */
export function readRows(path: string, encoding: Encoding = "utf-8"): Record<string, string | null>[] {
  const [header, ...rows] = parseCsv(decodeFile(path, encoding));
  if (!header) return [];
  return rows.map((fields) => Object.fromEntries(header.map((name, k) => [name ?? "", fields[k] ?? null])));
}
