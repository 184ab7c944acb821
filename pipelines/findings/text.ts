// The register as text for a terminal: aligned tables, the evidence as field/value rows, never raw JSON.
import type { Row } from "../lib/duckdb.ts";
import type { FindingDetail } from "./query.ts";

export function table(rows: readonly Row[], columns: readonly string[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? "" : String(v).replaceAll("\n", " "));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line([...columns]), line(widths.map((w) => "-".repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join("\n");
}

export function formatList(rows: readonly Row[]): string {
  if (rows.length === 0) return "no findings match";
  const columns = ["anomaly_id", "rule", "severity", "status", "seen_state", "employer_id", "period", "runs_in_a_row"];
  return `${table(rows, columns)}\n${rows.length} finding(s)`;
}

export function formatDetail(d: FindingDetail): string {
  const f = d.finding;
  const facts = ["rule", "rule_version", "severity", "score", "status", "entity", "entity_id", "employer_id", "contributor_id", "period"]
    .concat(["seen_state", "runs_in_a_row", "occurrence", "first_seen_run", "last_seen_run", "first_seen_at", "last_seen_at"])
    .map((k) => ({ field: k, value: f[k] }));
  return [
    `finding ${f.anomaly_id}`,
    table(facts, ["field", "value"]),
    "",
    "evidence",
    table(d.evidence, ["field", "value"]),
    "",
    "disposition history",
    d.history.length ? table(d.history, ["at", "status", "previous_status", "by", "note"]) : "(none: open since first seen)",
    "",
    "source rows",
    d.sources.length
      ? table(d.sources as unknown as Row[], ["entity", "entity_id", "delivery_id", "file_name", "line"])
      : "(none found in raw)",
  ].join("\n");
}
