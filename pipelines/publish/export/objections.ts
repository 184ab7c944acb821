// The Objections page's data: the backlog by state and age band (marts.dispute_backlog), the objection
// KPIs (marts.kpi_monthly), outcomes and conceded amounts by category, service-level breaches and the
// settlement control (marts.dispute_settlement_check) counted by problem — aggregates, for both builds.
// The audit build adds the breaches and the mismatches as paged lists and one shard per objection with
// its lifecycle, days in each state and timeline (core.dispute_timeline), for ?objection=<id>.
import type { DuckDBConnection } from "@duckdb/node-api";
import { KPIS, KPI_CATALOGUE, type Unit } from "../../../dashboards/components/kpi-catalogue.ts";
import { queryRows } from "../../lib/duckdb.ts";
import type { DataFiles } from "../data-files.ts";
import type { KpiCell } from "../page-data/collections.ts";
import type {
  BacklogRow,
  BreachCount,
  MismatchCount,
  MismatchRow,
  ObjectionRow,
  ObjectionsData,
  OutcomeRow,
} from "../page-data/objections.ts";
import type { Audience, Stamp } from "../types.ts";
import { headline, readKpis } from "./kpis.ts";
import { writePaged } from "./paged.ts";

/** The catalogue's objection KPIs, in its order (their keys all name objections). */
export const OBJECTION_KPIS = KPIS.filter((k) => k.startsWith("objection"));

const money = (c: string) => `CAST(coalesce(${c}, 0) AS DECIMAL(18,2))::VARCHAR`;
/** The detail shard's name: the id with anything but letters, digits, _ . - made _ (objectionKey in the page). */
const KEY = "regexp_replace(l.dispute_id, '[^A-Za-z0-9_.-]', '_', 'g')";

/** Whether the warehouse holds the objection marts (a warehouse built before them has none). */
export async function hasObjections(c: DuckDBConnection): Promise<boolean> {
  const rows = await queryRows(c, "SELECT 1 FROM duckdb_tables() WHERE schema_name = 'marts' AND table_name = 'dispute_lifecycle'");
  return rows.length > 0;
}

/** An objection as the lists and its detail show it: [field, expression over marts.dispute_lifecycle l and employer e]. */
const FIELDS: [string, string][] = [
  ["dispute_id", "l.dispute_id"],
  ["employer_id", "l.employer_id"],
  ["name_ar", "e.name_ar"],
  ["name_en", "e.name_en"],
  ["invoice_id", "l.invoice_id"],
  ["category", "l.category"],
  ["status", "l.status"],
  ["submitted_on", "CAST(l.submitted_on AS VARCHAR)"],
  ["closed_on", "CAST(l.closed_on AS VARCHAR)"],
  ["age_days", "l.age_days"],
  ["sla_days", "l.sla_days"],
  ["escalated", "l.escalated"],
  ["disputed_amount", money("l.disputed_amount")],
];
const LIST_COLUMNS = FIELDS.map(([name, expr]) => `${expr} AS ${name}`).join(", ");
const AS_STRUCT = FIELDS.map(([name, expr]) => `${name}: ${expr}`).join(", ");
const EMPLOYERS = `LEFT JOIN (SELECT employer_id, any_value(name_ar) AS name_ar, any_value(name_en) AS name_en
  FROM staging.stg_employers GROUP BY employer_id) AS e USING (employer_id)`;

export async function objectionsData(c: DuckDBConnection, stamp: Stamp): Promise<ObjectionsData> {
  const [totals] = await queryRows<ObjectionsData["totals"] & Record<string, unknown>>(
    c,
    `SELECT count(*)::INTEGER AS objections, count(*) FILTER (WHERE is_open)::INTEGER AS open,
       ${money("sum(disputed_amount) FILTER (WHERE is_open)")} AS open_amount,
       count(*) FILTER (WHERE is_open AND sla_breached)::INTEGER AS open_breached, count(*) FILTER (WHERE NOT is_open)::INTEGER AS decided,
       ${money("sum(resolved_amount) FILTER (WHERE outcome IN ('accepted', 'partially_accepted'))")} AS conceded
     FROM marts.dispute_lifecycle`,
  );
  const kpis = (await readKpis(c)).filter((k) => (OBJECTION_KPIS as string[]).includes(k.kpi));
  return {
    as_of: stamp.as_of,
    period: stamp.period,
    cards: headline(kpis, stamp.period, OBJECTION_KPIS),
    totals: totals!,
    backlog: await queryRows<BacklogRow & Record<string, unknown>>(
      c,
      `SELECT status, age_band, band_order, objections, ${money("disputed_amount")} AS disputed_amount, sla_breached, escalated
       FROM marts.dispute_backlog ORDER BY band_order, status`,
    ),
    kpis: OBJECTION_KPIS,
    units: Object.fromEntries(OBJECTION_KPIS.map((k) => [k, KPI_CATALOGUE[k].unit as Unit])),
    rows: kpis.map((k): KpiCell => [k.period, k.kpi, k.dimension, k.dimension_value, k.value]),
    outcomes: await queryRows<OutcomeRow & Record<string, unknown>>(
      c,
      `SELECT category, outcome, count(*)::INTEGER AS objections, ${money("sum(disputed_amount)")} AS disputed_amount,
         ${money("sum(resolved_amount) FILTER (WHERE outcome IN ('accepted', 'partially_accepted'))")} AS conceded
       FROM marts.dispute_lifecycle WHERE NOT is_open GROUP BY ALL ORDER BY category, outcome`,
    ),
    breaches: await queryRows<BreachCount & Record<string, unknown>>(
      c,
      `SELECT is_open, status, count(*)::INTEGER AS objections, count(*) FILTER (WHERE escalated)::INTEGER AS escalated,
         ${money("sum(disputed_amount)")} AS disputed_amount
       FROM marts.dispute_lifecycle WHERE sla_breached GROUP BY ALL ORDER BY is_open DESC, objections DESC, status`,
    ),
    mismatches: await queryRows<MismatchCount & Record<string, unknown>>(
      c,
      `SELECT problem, count(*)::INTEGER AS invoices, ${money("sum(conceded)")} AS conceded, ${money("sum(settled)")} AS settled,
         ${money("sum(difference)")} AS difference
       FROM marts.dispute_settlement_check GROUP BY ALL ORDER BY invoices DESC, problem`,
    ),
  };
}

export async function exportObjections(
  c: DuckDBConnection,
  files: DataFiles,
  shards: DataFiles,
  stamp: Stamp,
  audience: Audience,
): Promise<ObjectionsData | null> {
  if (!(await hasObjections(c))) {
    // the page still loads its file, and says there is nothing to show
    files.page("objections.json", null);
    return null;
  }
  const data = await objectionsData(c, stamp);
  if (audience === "audit") {
    // the open ones first, the oldest first: what the team must decide now
    data.breach_list = writePaged(
      shards,
      "objections/breaches",
      await queryRows<ObjectionRow & Record<string, unknown>>(
        c,
        `SELECT ${LIST_COLUMNS} FROM marts.dispute_lifecycle AS l ${EMPLOYERS}
         WHERE l.sla_breached ORDER BY l.is_open DESC, l.age_days DESC, l.dispute_id`,
      ),
    );
    data.mismatch_list = writePaged(
      shards,
      "objections/mismatches",
      await queryRows<MismatchRow & Record<string, unknown>>(
        c,
        `SELECT invoice_id, employer_id, e.name_ar, e.name_en, problem, dispute_ids, ${money("conceded")} AS conceded, adjustment_ids,
           settlements, ${money("settled")} AS settled, ${money("difference")} AS difference, pending_settlements
         FROM marts.dispute_settlement_check ${EMPLOYERS} ORDER BY abs(difference) DESC, invoice_id`,
      ),
    );
    await writeDetails(c, shards);
  }
  files.page("objections.json", data);
  return data;
}

/** One shard per objection, made in one streamed query (there can be tens of thousands). */
async function writeDetails(c: DuckDBConnection, shards: DataFiles): Promise<void> {
  const result = await c.stream(
    `WITH events AS (
       SELECT dispute_id, list({seq: seq, event_id: event_id,
         "at": strftime(timezone('Asia/Riyadh', "at"), '%Y-%m-%dT%H:%M:%S+03:00'), status: status, actor: actor,
         resolved_amount: CAST(resolved_amount AS VARCHAR), is_deciding: is_deciding, after_decision: after_decision,
         arrived_out_of_order: arrived_out_of_order, same_second: same_second, before_submission: before_submission} ORDER BY seq) AS events
       FROM core.dispute_timeline GROUP BY dispute_id
     )
     SELECT ${KEY} AS key,
       to_json({${AS_STRUCT}, documents_complete: l.documents_complete, outcome: l.outcome,
         resolved_amount: CAST(l.resolved_amount AS VARCHAR), sla_breached: l.sla_breached, data_issues: l.data_issues,
         days: [{state: 'submitted', days: l.days_submitted}, {state: 'under_review', days: l.days_under_review},
           {state: 'info_requested', days: l.days_info_requested}, {state: 'escalated_legal', days: l.days_escalated_legal},
           {state: 'committee', days: l.days_committee}],
         events: coalesce(x.events, [])})::VARCHAR AS doc
     FROM marts.dispute_lifecycle AS l ${EMPLOYERS} LEFT JOIN events AS x USING (dispute_id)`,
  );
  for await (const rows of result.yieldRows())
    for (const [key, doc] of rows) shards.writeJson(`objections/detail/${String(key)}.json`, String(doc));
}
