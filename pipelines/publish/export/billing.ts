// Billing checks: invoices whose billed amount differs from the amount recomputed from the
// registrations and wages (marts.invoice_check), by size, posting mode and staff user; the audit
// build also lists the invoices and, per invoice, the contributors behind it.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import type { DataFiles } from "../data-files.ts";
import type { Audience } from "../types.ts";
import type { BandRow, BillingData, CoverageByPeriod, CoverageGapRow, PeriodRow, PostingRow, UserRow } from "../page-data/billing.ts";
import type { BillingSummary } from "../page-data/overview.ts";
import { writePagedQuery } from "./paged.ts";

export type { BillingSummary };
/** billing.json (the report reads the same object). */
export type BillingBreakdown = BillingData;

/** Invoices (the largest differences) whose contributors are exported as evidence; every invoice is listed. */
export const INVOICE_LIST_LIMIT = 2000;
/** Contributors listed behind one invoice (the largest contributions first); a giant employer has thousands. */
export const EVIDENCE_LIMIT = 2000;

const BAND = `CASE WHEN abs(c.difference) < 10 THEN 'lt_10' WHEN abs(c.difference) < 100 THEN '10_100'
  WHEN abs(c.difference) < 1000 THEN '100_1k' WHEN abs(c.difference) < 10000 THEN '1k_10k' ELSE 'ge_10k' END`;
const FROM = `FROM marts.invoice_check AS c LEFT JOIN staging.stg_invoices AS i USING (invoice_id)`;

/** Invoices issued between `from` and `to` (inclusive, either open-ended). */
export async function billingSummary(connection: DuckDBConnection, range: { from?: string; to?: string } = {}): Promise<BillingSummary> {
  const [row] = await queryRows<BillingSummary>(
    connection,
    `SELECT count(*)::INTEGER AS invoices,
       count(*) FILTER (WHERE c.difference <> 0)::INTEGER AS with_difference,
       count(*) FILTER (WHERE c.difference <> 0 AND NOT c.cancelled)::INTEGER AS active_with_difference,
       count(*) FILTER (WHERE c.difference <> 0 AND c.cancelled)::INTEGER AS cancelled_with_difference,
       CAST(coalesce(sum(abs(c.difference)) FILTER (WHERE NOT c.cancelled), 0) AS VARCHAR) AS abs_difference,
       CAST(coalesce(sum(c.difference) FILTER (WHERE NOT c.cancelled), 0) AS VARCHAR) AS net_difference
     FROM marts.invoice_check AS c WHERE c.issued_on BETWEEN $from::DATE AND $to::DATE`,
    { from: range.from ?? "0001-01-01", to: range.to ?? "9999-12-31" },
  );
  return row!;
}

async function grouped<R extends PostingRow | PeriodRow>(connection: DuckDBConnection, key: string, order: string) {
  return queryRows<R>(
    connection,
    `SELECT ${key}, count(*)::INTEGER AS invoices, count(*) FILTER (WHERE c.difference <> 0
        AND NOT c.cancelled)::INTEGER AS with_difference,
       CAST(coalesce(sum(abs(c.difference)) FILTER (WHERE NOT c.cancelled), 0) AS VARCHAR) AS abs_difference,
       CAST(coalesce(sum(c.difference) FILTER (WHERE NOT c.cancelled), 0) AS VARCHAR) AS net_difference
     ${FROM} GROUP BY ALL ORDER BY ${order}`,
  );
}

export async function exportBilling(
  connection: DuckDBConnection,
  files: DataFiles,
  shards: DataFiles,
  audience: Audience,
): Promise<BillingBreakdown> {
  const summary = await billingSummary(connection);
  const byBand = await queryRows<BandRow>(
    connection,
    `SELECT ${BAND} AS band, count(*)::INTEGER AS invoices, CAST(sum(abs(c.difference)) AS VARCHAR) AS abs_difference
     ${FROM} WHERE c.difference <> 0 AND NOT c.cancelled GROUP BY ALL ORDER BY min(abs(c.difference))`,
  );
  const byPosting = await grouped<PostingRow>(connection, "coalesce(i.posting, 'unknown') AS posting", "posting");
  const byUser = await queryRows<UserRow>(
    connection,
    `SELECT coalesce(i.posted_by, 'unknown') AS posted_by, coalesce(i.posting, 'unknown') AS posting, count(*)::INTEGER AS invoices,
       count(*) FILTER (WHERE c.difference <> 0 AND NOT c.cancelled)::INTEGER AS with_difference,
       CAST(coalesce(sum(abs(c.difference)) FILTER (WHERE NOT c.cancelled), 0) AS VARCHAR) AS abs_difference
     ${FROM} GROUP BY ALL HAVING posting <> 'auto' OR with_difference > 0 ORDER BY with_difference DESC, invoices DESC, posted_by
       LIMIT 200`,
  );
  const byPeriod = await grouped<PeriodRow>(connection, "c.period", "c.period");
  const coverage: BillingBreakdown["coverage"] = {
    by_period: await queryRows<CoverageByPeriod>(
      connection,
      `SELECT period, count(*)::INTEGER AS gaps, count(DISTINCT employer_id)::INTEGER AS employers FROM marts.coverage_gaps GROUP BY period
          ORDER BY period`,
    ),
  };
  if (audience === "audit")
    coverage.gaps = await queryRows<CoverageGapRow>(
      connection,
      `SELECT g.period, g.employer_id, e.name_ar, e.name_en, g.contributor_id, g.days_covered FROM marts.coverage_gaps AS g
       LEFT JOIN staging.stg_employers AS e USING (employer_id) ORDER BY g.period DESC, g.employer_id, g.contributor_id
         LIMIT ${INVOICE_LIST_LIMIT}`,
    );
  const out: BillingBreakdown = {
    summary,
    by_band: byBand,
    by_posting: byPosting,
    by_user: byUser,
    by_period: byPeriod,
    coverage,
  };
  if (audience === "audit") {
    // every invoice with a difference, largest first, in pages; the first INVOICE_LIST_LIMIT have their evidence
    out.invoices = await writePagedQuery(
      connection,
      shards,
      "billing/invoices",
      `SELECT rn, {invoice_id: invoice_id, employer_id: employer_id, name_ar: name_ar, name_en: name_en, invoice_type: invoice_type,
          period: period, issued_on: issued_on,
           posting: posting, posted_by: posted_by, cancelled: cancelled, billed_amount: billed_amount, expected_amount: expected_amount,
             difference: difference, band: band,
           evidence: rn <= ${INVOICE_LIST_LIMIT}} AS r
       FROM (SELECT row_number() OVER (ORDER BY abs(c.difference) DESC, c.invoice_id) AS rn, c.invoice_id, c.employer_id, e.name_ar,
         e.name_en, c.invoice_type, c.period,
           CAST(c.issued_on AS VARCHAR) AS issued_on, coalesce(i.posting, 'unknown') AS posting, coalesce(i.posted_by,
             'unknown') AS posted_by, c.cancelled,
           CAST(c.billed_amount AS VARCHAR) AS billed_amount, CAST(c.expected_amount AS VARCHAR) AS expected_amount,
             CAST(c.difference AS VARCHAR) AS difference, ${BAND} AS band
         ${FROM} LEFT JOIN staging.stg_employers AS e ON e.employer_id = c.employer_id WHERE c.difference <> 0)`,
    );
    for await (const [id, doc] of invoiceEvidence(connection)) shards.writeJson(`invoices/${id}.json`, doc);
  }
  files.page("billing.json", out);
  return out;
}

/**
 * The contributors behind each listed invoice (the same ones, same order, as the list): what each
 * should have cost, and who was engaged that month with no wage declared. One query for all of them.
 */
async function* invoiceEvidence(connection: DuckDBConnection): AsyncGenerator<[string, string]> {
  const result = await connection.stream(
    `WITH listed AS (
       SELECT * FROM marts.invoice_check AS c WHERE c.difference <> 0 ORDER BY abs(c.difference) DESC, c.invoice_id
         LIMIT ${INVOICE_LIST_LIMIT}
     ),
     people AS (
       SELECT l.invoice_id, list({contributor_id: x.contributor_id, name_ar: p.name_ar, name_en: p.name_en, scheme: x.scheme,
         saudi: x.saudi,
           contributory_wage: CAST(x.contributory_wage AS VARCHAR), days_covered: CAST(x.days_covered AS INTEGER),
           days_in_month: x.days_in_month, annuities: CAST(x.annuities AS VARCHAR), hazards: CAST(x.hazards AS VARCHAR),
           unemployment: CAST(x.unemployment AS VARCHAR), total: CAST(x.total AS VARCHAR)} ORDER BY x.total DESC,
             x.contributor_id)[1:${EVIDENCE_LIMIT}] AS contributors,
         count(*)::INTEGER AS contributors_total
       FROM listed AS l JOIN core.expected_contributions AS x ON x.employer_id = l.employer_id AND x.period = l.period
       LEFT JOIN raw.contributors_current AS p ON p.contributor_id = x.contributor_id
       WHERE l.invoice_type = 'contribution' GROUP BY l.invoice_id
     ),
     gaps AS (
       SELECT l.invoice_id, list({contributor_id: g.contributor_id, name_ar: p.name_ar, name_en: p.name_en, days_covered: g.days_covered}
         ORDER BY g.contributor_id) AS coverage_gaps
       FROM listed AS l JOIN marts.coverage_gaps AS g ON g.employer_id = l.employer_id AND g.period = l.period
       LEFT JOIN raw.contributors_current AS p ON p.contributor_id = g.contributor_id
       WHERE l.invoice_type = 'contribution' GROUP BY l.invoice_id
     )
     SELECT l.invoice_id, to_json({
       invoice: {invoice_id: l.invoice_id, employer_id: l.employer_id, invoice_type: l.invoice_type, period: l.period,
         cancelled: l.cancelled,
         billed_amount: CAST(l.billed_amount AS VARCHAR), expected_amount: CAST(l.expected_amount AS VARCHAR),
           difference: CAST(l.difference AS VARCHAR),
         billed_annuities: CAST(l.billed_annuities AS VARCHAR), expected_annuities: CAST(l.expected_annuities AS VARCHAR),
         billed_hazards: CAST(l.billed_hazards AS VARCHAR), expected_hazards: CAST(l.expected_hazards AS VARCHAR),
         billed_unemployment: CAST(l.billed_unemployment AS VARCHAR), expected_unemployment: CAST(l.expected_unemployment AS VARCHAR)},
       contributors: coalesce(people.contributors, []), contributors_total: coalesce(people.contributors_total, 0),
         coverage_gaps: coalesce(gaps.coverage_gaps, [])})::VARCHAR AS doc
     FROM listed AS l LEFT JOIN people USING (invoice_id) LEFT JOIN gaps USING (invoice_id)`,
  );
  for await (const rows of result.yieldRows()) for (const [id, doc] of rows) yield [String(id), String(doc)];
}
