// The dispositions file: CSV (RFC 4180, UTF-8, a header) with the columns anomaly_id,status,by,at,note —
// for offline work and version control. Read strictly: every problem is named by line and column with
// what to change, and a file with any problem is refused whole.
import { UserError } from "../lib/errors.ts";
import { isStatus, STATUSES, type Status } from "./schema.ts";

export const DISPOSITION_COLUMNS = ["anomaly_id", "status", "by", "at", "note"] as const;

export interface Disposition {
  anomaly_id: string;
  status: Status;
  by: string;
  /** ISO 8601 in UTC, to the millisecond: the text that identifies a disposition together with id, status and by. */
  at: string;
  note: string | null;
  /** The record's first physical line in the file it came from. */
  line?: number;
}

interface Field {
  text: string;
  quoted: boolean;
}

/** RFC 4180 records with the physical line each starts on; throws on a quote that never closes. */
function records(text: string, file: string): { line: number; fields: Field[] }[] {
  const out: { line: number; fields: Field[] }[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: Field[] = [];
    for (;;) {
      let field: Field;
      if (text[i] === '"') {
        let j = i + 1;
        let value = "";
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new UserError("a quoted field never closes; close it with a double quote", { at: { file, line: start } });
          value += text.slice(j, q);
          if (text[q + 1] === '"') {
            value += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        line += value.split("\n").length - 1;
        field = { text: value, quoted: true };
      } else {
        let j = i;
        while (j < text.length && !",\r\n".includes(text[j]!)) j++;
        field = { text: text.slice(i, j), quoted: false };
        i = j;
      }
      fields.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    line++;
    const blank = fields.length === 1 && fields[0]!.text === "" && !fields[0]!.quoted;
    if (!blank) out.push({ line: start, fields });
  }
  return out;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The dispositions in a file's text, or a UserError naming every problem (line, column, what to change). */
export function parseDispositions(text: string, file: string): Disposition[] {
  const rows = records(text, file);
  const header = rows.shift();
  const expected = DISPOSITION_COLUMNS.join(",");
  if (!header || header.fields.map((f) => f.text.trim()).join(",") !== expected)
    throw new UserError(`the header must be ${expected}`, { at: { file, line: header?.line ?? 1 } });
  const problems: string[] = [];
  const problem = (line: number, column: number, message: string) =>
    problems.push(`${file} line ${line}, column ${column} (${DISPOSITION_COLUMNS[column - 1] ?? "extra"}): ${message}`);
  const out: Disposition[] = [];
  for (const { line, fields } of rows) {
    if (fields.length !== DISPOSITION_COLUMNS.length) {
      problem(
        line,
        Math.min(fields.length, DISPOSITION_COLUMNS.length) + 1,
        `${fields.length} fields; give exactly 5 (quote a note with commas)`,
      );
      continue;
    }
    const [id, status, by, at, note] = fields.map((f) => f.text) as [string, string, string, string, string];
    const before = problems.length;
    if (!id.trim()) problem(line, 1, "empty; give the finding's anomaly_id");
    if (!isStatus(status)) problem(line, 2, `"${status}" is not a status; use one of ${STATUSES.join(", ")}`);
    if (!by.trim()) problem(line, 3, "empty; name who decided");
    const time = TIMESTAMP.test(at) ? new Date(at) : null;
    if (!time || Number.isNaN(time.getTime()))
      problem(line, 4, `"${at}" is not a timestamp; write ISO 8601 with an offset, e.g. 2026-11-25T09:30:00+03:00`);
    if (problems.length > before) continue;
    out.push({
      anomaly_id: id.trim(),
      status: status as Status,
      by: by.trim(),
      at: time!.toISOString(),
      note: note === "" ? null : note,
      line,
    });
  }
  if (problems.length)
    throw new UserError(
      `${problems.length} problem(s) in the dispositions file; nothing was applied:\n  ${problems.slice(0, 20).join("\n  ")}`,
    );
  return out;
}

const quote = (v: string) => (/[",\r\n]|^\s|\s$/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function formatDispositions(list: readonly Disposition[]): string {
  const lines = list.map((d) => [d.anomaly_id, d.status, d.by, d.at, d.note ?? ""].map(quote).join(","));
  return `${[DISPOSITION_COLUMNS.join(","), ...lines].join("\n")}\n`;
}

/** The identity of a disposition: the same decision by the same person at the same moment is one. */
export const dispositionKey = (d: Pick<Disposition, "anomaly_id" | "status" | "by" | "at">) =>
  `${d.anomaly_id}\u0000${d.status}\u0000${d.by}\u0000${d.at}`;
