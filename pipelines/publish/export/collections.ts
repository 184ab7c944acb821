// Collections and arrears: the KPIs over time, overall and by region, sector, size class and legal
// form; the ageing by severity at every as-of date; in the audit build, per date, the employers in
// arrears (a shard per date, fetched when the reader drills down).
import type { DuckDBConnection } from "@duckdb/node-api";
import type { DataFiles } from "../data-files.ts";
import type { Audience, Stamp } from "../types.ts";
import { ageingBySeverity, suspensionCandidates, suspensionSummary } from "./ageing.ts";
import type { Kpi } from "../../../dashboards/components/kpi-catalogue.ts";
import type { CollectionsData, KpiCell } from "../page-data/collections.ts";
import type { SuspensionSummary } from "../page-data/overview.ts";
import { CHANNEL_KPIS } from "../../../dashboards/components/kpi-catalogue-compliance.ts";
import { readKpis } from "./kpis.ts";
import { writePaged } from "./paged.ts";

/** The KPIs the collections page tracks (catalogued ones: the type says so). */
export const COLLECTION_KPIS: Kpi[] = [
  "billed",
  "collected",
  "arrears",
  "outstanding",
  "on_time_collection_rate",
  "collection_rate_to_date",
  "arrears_ratio",
  "days_sales_outstanding",
  "employers_paying_on_time_share",
];

/** Employers listed per as-of date and severity when drilling down; the employer page reaches the rest. */
export const DRILL_LIMIT = 2000;

export async function exportCollections(
  connection: DuckDBConnection,
  files: DataFiles,
  shards: DataFiles,
  stamp: Stamp,
  audience: Audience,
): Promise<void> {
  const all = await readKpis(connection);
  const kpis = all.filter((k) => (COLLECTION_KPIS as string[]).includes(k.kpi));
  // long rows are compact enough and let the page pivot any way
  const rows = kpis.map((k): KpiCell => [k.period, k.kpi, k.dimension, k.dimension_value, k.value]);
  const units = Object.fromEntries(kpis.map((k) => [k.kpi, k.unit]));
  const ageing = await ageingBySeverity(connection);
  const asOfs = [...new Set(ageing.map((a) => a.as_of))];
  // suspension candidates per date: by region for everyone, named (a shard per date) in the audit build
  const byRegion: Record<string, SuspensionSummary> = {};
  for (const asOf of asOfs) byRegion[asOf] = await suspensionSummary(connection, asOf);
  const out: CollectionsData = {
    kpis: COLLECTION_KPIS,
    units,
    columns: ["period", "kpi", "dimension", "dimension_value", "value"],
    rows,
    as_ofs: asOfs,
    ageing,
    default_as_of: stamp.as_of,
    suspension: byRegion,
    channels: all
      .filter((k) => k.dimension === "all" && Object.hasOwn(CHANNEL_KPIS, k.kpi))
      .map((k): KpiCell => [k.period, k.kpi, k.dimension, k.dimension_value, k.value]),
  };
  if (audience === "audit") {
    for (const asOf of asOfs) writePaged(shards, `suspension/${asOf}`, await suspensionCandidates(connection, asOf));
    for await (const [asOf, severity, doc] of employersInArrears(connection)) shards.writeJson(`ageing/${asOf}/${severity}.json`, doc);
  }
  files.page("collections.json", out);
}

async function* employersInArrears(connection: DuckDBConnection): AsyncGenerator<[string, string, string]> {
  const amounts = ["outstanding", "past_due", "disputed", "not_due", "d1_30", "d31_60", "d61_90", "d91_180", "d181_365", "over_365"]
    .map((c) => `${c}: CAST(a.${c} AS VARCHAR)`)
    .join(", ");
  const result = await connection.stream(
    `WITH ranked AS (
       SELECT a.*, row_number() OVER (PARTITION BY a.as_of, a.severity ORDER BY a.past_due DESC, a.outstanding DESC, a.employer_id) AS rank
       FROM marts.arrears_ageing AS a WHERE a.outstanding <> 0
     )
     SELECT CAST(a.as_of AS VARCHAR), a.severity, to_json(list({employer_id: a.employer_id, name_ar: e.name_ar, name_en: e.name_en,
       region: e.region,
         severity: a.severity, max_days_past_due: a.max_days_past_due, ${amounts}} ORDER BY a.past_due DESC, a.outstanding DESC,
           a.employer_id))::VARCHAR
     FROM ranked AS a LEFT JOIN staging.stg_employers AS e USING (employer_id)
     WHERE a.rank <= ${DRILL_LIMIT} GROUP BY a.as_of, a.severity ORDER BY a.as_of, a.severity`,
  );
  for await (const rows of result.yieldRows())
    for (const [asOf, severity, doc] of rows) yield [String(asOf), String(severity), String(doc)];
}
