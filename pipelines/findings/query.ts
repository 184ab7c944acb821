// Reading the register for the auditors: the list (filtered), and one finding with its evidence as a
// table of fields, its disposition history and the delivered rows behind it (delivery, file, line).
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import { entityByName, keyColumns } from "../contracts/index.ts";
import { ident, queryRows, type Row } from "../lib/duckdb.ts";
import { recordedDispositions } from "./dispositions.ts";

export interface ListFilters {
  rule?: string;
  status?: string;
  employer?: string;
}

const FINDING_COLUMNS = `anomaly_id, rule, rule_version, entity, entity_id, employer_id, contributor_id, period, severity, score,
  CAST(evidence AS VARCHAR) AS evidence, status, seen_state, runs_in_a_row, occurrence, first_seen_run, last_seen_run,
  first_seen_at, last_seen_at`;

const SEVERITY_ORDER = "CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END";

export async function listFindings(connection: DuckDBConnection, filters: ListFilters): Promise<Row[]> {
  const where: string[] = [];
  const params: Record<string, DuckDBValue> = {};
  const columns = { rule: "rule", status: "status", employer: "employer_id" } as const;
  for (const [name, column] of Object.entries(columns)) {
    const value = filters[name as keyof ListFilters];
    if (value === undefined) continue;
    where.push(`${column} = $${name}`);
    params[name] = value;
  }
  const rows = await queryRows(
    connection,
    `SELECT ${FINDING_COLUMNS} FROM audit.findings ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY seen_state, ${SEVERITY_ORDER}, score DESC NULLS LAST, anomaly_id`,
    params,
  );
  return rows.map(withEvidence);
}

function withEvidence(row: Row): Row {
  return { ...row, evidence: row.evidence === null ? null : JSON.parse(String(row.evidence)) };
}

/** A finding's evidence as field/value rows: nested objects by dotted path, lists joined. */
export function evidenceTable(evidence: unknown, prefix = ""): { field: string; value: string }[] {
  if (evidence === null || typeof evidence !== "object" || Array.isArray(evidence))
    return [{ field: prefix || "value", value: Array.isArray(evidence) ? evidence.map(String).join(", ") : String(evidence) }];
  return Object.entries(evidence).flatMap(([k, v]) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? evidenceTable(v, `${prefix}${k}.`)
      : [
          {
            field: `${prefix}${k}`,
            value: Array.isArray(v) ? v.map((x) => (typeof x === "object" ? JSON.stringify(x) : String(x))).join(", ") : String(v),
          },
        ],
  );
}

/** The anomaly's `entity` word (outputs.md) → the extract it names. */
const ENTITY_EXTRACTS: Record<string, string> = {
  payment: "payments",
  wage: "wages",
  adjustment: "invoice_adjustments",
  invoice: "invoices",
  contributor: "contributors",
  employer: "employers",
  engagement: "engagements",
  dispute: "disputes",
  plan: "instalment_plans",
  activity: "activity_log",
};

export interface SourceRow {
  entity: string;
  entity_id: string;
  delivery_id: string | null;
  file_name: string | null;
  line: number;
  load_id: number;
  valid_from?: string | null;
  valid_to?: string | null;
}

/**
 * The delivered rows a finding names: its own entity and key, and any `related` rows its evidence lists
 * as {entity, entity_id} (e.g. the other payment of a duplicate pair). A key of several columns is
 * written as its values joined by `|`, in the extract's key order (wage: period|employer_id|contributor_id).
 */
export async function sourceRows(connection: DuckDBConnection, named: { entity: string; entity_id: string }[]): Promise<SourceRow[]> {
  const tables = new Set(
    (await queryRows<{ t: string }>(connection, "SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'raw'")).map((r) => r.t),
  );
  const out: SourceRow[] = [];
  for (const { entity, entity_id } of named) {
    const contract = entityByName(ENTITY_EXTRACTS[entity] ?? entity) ?? entityByName(`${entity}s`);
    if (!contract || !tables.has(contract.name)) continue;
    const keys = keyColumns(contract);
    const values = String(entity_id).split("|");
    if (values.length !== keys.length) continue;
    const history =
      contract.kind === "snapshot"
        ? ", strftime(r._valid_from, '%Y-%m-%dT%H:%M:%S%z') AS valid_from, strftime(r._valid_to, '%Y-%m-%dT%H:%M:%S%z') AS valid_to"
        : "";
    const rows = await queryRows<SourceRow & Row>(
      connection,
      `SELECT l.delivery_id, l.file_name, r._line AS line, r._load_id AS load_id${history}
       FROM raw.${ident(contract.name)} AS r LEFT JOIN audit.loads AS l ON l.load_id = r._load_id
       WHERE ${keys.map((k, i) => `CAST(r.${ident(k)} AS VARCHAR) = $k${i}`).join(" AND ")}
       ORDER BY r._load_id, r._line`,
      Object.fromEntries(values.map((v, i) => [`k${i}`, v])),
    );
    for (const r of rows) out.push({ ...r, entity, entity_id });
  }
  return out;
}

export interface FindingDetail {
  finding: Row;
  evidence: { field: string; value: string }[];
  history: Row[];
  sources: SourceRow[];
}

export async function showFinding(connection: DuckDBConnection, id: string): Promise<FindingDetail | undefined> {
  const [row] = await queryRows(connection, `SELECT ${FINDING_COLUMNS} FROM audit.findings WHERE anomaly_id = $id`, { id });
  if (!row) return undefined;
  const finding = withEvidence(row);
  const related = (finding.evidence as { related?: unknown } | null)?.related;
  const named = [
    { entity: String(finding.entity), entity_id: String(finding.entity_id) },
    ...(Array.isArray(related) ? related.filter((r) => r && typeof r.entity === "string" && r.entity_id != null) : []),
  ];
  return {
    finding,
    evidence: evidenceTable(finding.evidence),
    history: await recordedDispositions(connection, id),
    sources: await sourceRows(connection, named),
  };
}
