// The employer profile's data (audit build only): one static shard per employer, so the page scales
// to every employer without a server, and a search index in chunks (id and names) for finding one.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { DataFiles } from "../data-files.ts";
import { sortPart } from "../../../dashboards/components/order.ts";
import type { EmployerIndexEntry, EmployerPart, EmployerSearch, EmployerShard } from "../page-data/employer.ts";
import type { PagedList } from "../page-data/paged.ts";
import { employerFindingsSection } from "./employer-findings.ts";
import { PAGE_ROWS, writePaged } from "./paged.ts";
import { RISK_MART, RISK_SECTION } from "./employer-risk.ts";
import { relationsIn } from "./tables.ts";

/** Employers per search-index chunk: a chunk stays well under a megabyte. */
export const INDEX_CHUNK = 5000;

const text = (c: string, as = c.split(".").at(-1)!) => `${as}: CAST(${c} AS VARCHAR)`;
const texts = (alias: string, columns: string[]) => columns.map((c) => text(`${alias}.${c}`)).join(", ");

/**
 * One query per part of the shard, each giving employer_id and its part. The lists are left
 * unordered (an ordered list() costs several times more); the page sorts each part.
 */
const SECTIONS: Record<string, string> = {
  size: `SELECT employer_id, arg_max(size_class, period) AS size_class FROM core.kpi_measures GROUP BY employer_id`,
  balances: `SELECT b.employer_id, list({${texts("b", ["as_of", "billed", "adjustments", "paid", "outstanding", "credit_balance"])}}) AS v
    FROM marts.employer_balance AS b GROUP BY b.employer_id`,
  ageing: `SELECT a.employer_id,
    list({${texts("a", ["as_of", "outstanding", "not_due", "d1_30", "d31_60", "d61_90", "d91_180", "d181_365", "over_365"])},
      ${texts("a", ["past_due", "disputed"])},
      severity: a.severity, max_days_past_due: a.max_days_past_due}) AS v
    FROM marts.arrears_ageing AS a GROUP BY a.employer_id`,
  open_items: `SELECT i.employer_id, list({invoice_id: i.invoice_id, invoice_type: i.invoice_type, period: i.period,
    ${texts("i", ["due_on", "owed", "open_amount"])},
      days_past_due: i.days_past_due}) AS v
    FROM core.ledger_items AS i WHERE i.as_of = $asOf::DATE AND i.open_amount <> 0 GROUP BY i.employer_id`,
  invoices: `SELECT c.employer_id, list({invoice_id: c.invoice_id, invoice_type: c.invoice_type, period: c.period,
    ${texts("c", ["issued_on", "due_on", "billed_amount", "expected_amount", "difference"])},
      cancelled: c.cancelled, posting: s.posting, posted_by: s.posted_by}) AS v
    FROM marts.invoice_check AS c LEFT JOIN staging.stg_invoices AS s USING (invoice_id) GROUP BY c.employer_id`,
  payments: `SELECT p.employer_id, list({payment_id: p.payment_id, ${texts("p", ["paid_on", "amount", "reversed_on"])}, channel: p.channel,
      named_invoice_id: p.named_invoice_id}) AS v
    FROM staging.stg_payments AS p GROUP BY p.employer_id`,
  adjustments: `SELECT i.employer_id, list({adjustment_id: a.adjustment_id, invoice_id: a.invoice_id,
    ${texts("a", ["amount", "approved_on"])},
      reason_code: a.reason_code, created_by: a.created_by, approved_by: a.approved_by}) AS v
    FROM staging.stg_adjustments AS a JOIN staging.stg_invoices AS i USING (invoice_id) GROUP BY i.employer_id`,
  // the lifecycle as of D (status, decision, service level, data issues), each opening its timeline on the Objections page
  objections: `SELECT d.employer_id, list({dispute_id: d.dispute_id, invoice_id: d.invoice_id, category: d.category,
      ${texts("d", ["disputed_amount", "submitted_on", "closed_on", "resolved_amount"])}, status: d.status, outcome: d.outcome,
      age_days: d.age_days, sla_days: d.sla_days, sla_breached: d.sla_breached, escalated: d.escalated, data_issues: d.data_issues}) AS v
    FROM marts.dispute_lifecycle AS d GROUP BY d.employer_id`,
  suspension: `SELECT s.employer_id, list({${texts("s", ["as_of", "past_due_undisputed", "oldest_due_on"])},
    days_past_due: s.days_past_due}) AS v
    FROM marts.suspension_candidates AS s GROUP BY s.employer_id`,
  gaps: `SELECT g.employer_id, list({contributor_id: g.contributor_id, period: g.period, days_covered: g.days_covered}) AS v
    FROM marts.coverage_gaps AS g GROUP BY g.employer_id`,
  compliance: `SELECT c.employer_id, list({period: c.period, contributors_engaged: c.contributors_engaged,
      contributors_not_declared: c.contributors_not_declared, contributors_declared_late: c.contributors_declared_late,
      wages_declared: c.wages_declared, declared_on_time: c.declared_on_time, paid_in_full_by_due: c.paid_in_full_by_due,
      due_passed: c.due_passed, days_late: c.days_late, compliant: c.compliant, invoice_id: c.invoice_id, ${texts("c", ["due_on"])}}) AS v
    FROM marts.compliance_monthly AS c GROUP BY c.employer_id`,
  risk: RISK_SECTION,
};

/** Sections over marts a warehouse may not have built (made before the mart existed): empty there. */
const NEEDS_MART: Partial<Record<string, string>> = { risk: RISK_MART };

const PARTS: EmployerPart[] = [
  "balances",
  "ageing",
  "open_items",
  "invoices",
  "payments",
  "adjustments",
  "objections",
  "suspension",
  "gaps",
  "compliance",
  "findings",
  "risk",
];

/** Shards longer than this (characters) are checked for parts to page. */
const BIG_SHARD = 256 * 1024;

/**
 * A giant employer's coverage gaps (one row per contributor and month) can run to tens of thousands:
 * a part longer than a page keeps its first page in the shard and is written whole as
 * `employers/<id>/<part>/<n>.json`, named in the shard's `paged`, for the page to fetch on demand.
 */
function pageParts(shards: DataFiles, employerId: string, doc: EmployerShard): EmployerShard {
  const paged: Partial<Record<EmployerPart, PagedList>> = {};
  const parts = doc as unknown as Record<EmployerPart, Record<string, unknown>[]>;
  for (const part of PARTS) {
    const rows = parts[part];
    if (rows.length <= PAGE_ROWS) continue;
    sortPart(part, rows);
    paged[part] = writePaged(shards, `employers/${employerId}/${part}`, rows);
    parts[part] = rows.slice(0, PAGE_ROWS);
  }
  return { ...doc, paged };
}

export async function exportEmployers(
  connection: DuckDBConnection,
  files: DataFiles,
  shards: DataFiles,
  asOf: string,
): Promise<EmployerSearch> {
  // Each section is aggregated on its own into a temp table: one statement holding all of them
  // aggregates them side by side and runs several times slower.
  // Each part becomes JSON text in its own table, and the shard is those texts joined: moving big
  // nested lists through the joins costs far more than moving their text.
  const sections = { ...SECTIONS, findings: await employerFindingsSection(connection) };
  const marts = await relationsIn(connection, "marts");
  for (const [name, section] of Object.entries(sections)) {
    const needs = NEEDS_MART[name];
    const sql = needs && !marts.has(needs) ? "SELECT NULL::VARCHAR AS employer_id, NULL AS v LIMIT 0" : section;
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE employer_${name} AS SELECT employer_id, ${name === "size" ? "size_class" : "to_json(v)::VARCHAR AS v"}
          FROM (${sql})`,
      sql.includes("$asOf") ? { asOf } : undefined,
    );
  }
  const result = await connection.stream(
    `SELECT e.employer_id, e.name_ar, e.name_en, e.region,
       '{"employer":' || to_json({employer_id: e.employer_id, name_ar: e.name_ar, name_en: e.name_en, account_type: e.account_type,
         legal_form: e.legal_form,
         sector: e.sector, region: e.region, status: e.status, ${text("e.registered_on")}, ${text("e.status_changed_on")},
           size_class: size.size_class})::VARCHAR
       || ',"as_of":' || to_json($asOf::VARCHAR)::VARCHAR
       ${PARTS.map((p) => `|| ',"${p}":' || coalesce(${p}.v, '[]')`).join(" ")} || '}' AS doc
     FROM staging.stg_employers AS e LEFT JOIN employer_size AS size USING (employer_id)
     ${PARTS.map((p) => `LEFT JOIN employer_${p} AS ${p} USING (employer_id)`).join(" ")}`,
    { asOf },
  );
  const index: EmployerIndexEntry[] = [];
  for await (const rows of result.yieldRows())
    for (const [id, nameAr, nameEn, region, doc] of rows) {
      const employerId = String(id);
      index.push([
        employerId,
        nameAr === null ? null : String(nameAr),
        nameEn === null ? null : String(nameEn),
        region === null ? null : String(region),
      ]);
      const text = String(doc);
      // only a very large employer's shard can hold a part of more than a page of rows
      if (text.length > BIG_SHARD)
        shards.write(`employers/${employerId}.json`, pageParts(shards, employerId, JSON.parse(text) as EmployerShard));
      else shards.writeJson(`employers/${employerId}.json`, text);
    }
  for (const name of Object.keys(sections)) await connection.run(`DROP TABLE IF EXISTS employer_${name}`);
  index.sort((a, b) => a[0].localeCompare(b[0]));
  const chunks = Math.ceil(index.length / INDEX_CHUNK);
  for (let c = 0; c < chunks; c++) shards.write(`employer-index/${c}.json`, index.slice(c * INDEX_CHUNK, (c + 1) * INDEX_CHUNK));
  // the first id of every chunk lets the page find the one chunk that would hold an id, so an
  // unknown id is answered from the index rather than by a shard request that fails
  const firsts = Array.from({ length: chunks }, (_, c) => index[c * INDEX_CHUNK]![0]);
  const search: EmployerSearch = { employers: index.length, chunks, firsts, fields: ["employer_id", "name_ar", "name_en", "region"] };
  files.page("employer-search.json", search);
  return search;
}
