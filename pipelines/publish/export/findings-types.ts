// The shapes of the findings data files, one type per file, shared by the exporter
// (pipelines/publish/export/findings.ts) and the Findings page (dashboards/components/findings.ts).
import type { BenfordIndex } from "../page-data/benford.ts";
import type { PagedList } from "./paged.ts";

export interface Count {
  key: string;
  n: number;
}

/** data/findings.json in both builds; the management build has by_rule and by_severity only. */
export interface FindingsSummary {
  total: number;
  by_rule: Count[];
  by_severity: Count[];
  /** Audit build only from here on. */
  by_status?: Count[];
  /** Findings first seen in the run shown, and the run before it (null when it is the first). */
  new_since_last?: { run_id: string | null; previous_run: string | null; n: number };
  /** Findings by the month they are about (their period), active ones only. */
  by_month?: { month: string; n: number }[];
  /** The list, paged (shards findings/list/<n>.json of FindingRow). */
  list?: PagedList;
  /** The Benford chart's index (shards benford/…); null when the warehouse has no marts.benford_digits. */
  benford?: BenfordIndex | null;
}

/** A row of the paged list. `key` names the detail shard findings/detail/<key>.json. */
export interface FindingRow {
  key: string;
  anomaly_id: string;
  rule: string;
  severity: string | null;
  status: string;
  seen_state: string;
  employer_id: string | null;
  name_ar: string | null;
  name_en: string | null;
  contributor_id: string | null;
  period: string | null;
  score: number | null;
  first_seen_run: string;
  is_new: boolean;
  /** Staff users the finding names (marts.staff_findings); empty for the others. */
  users: string[];
}

/** findings/detail/<key>.json: one finding with what backs it. */
export interface FindingDetailFile {
  finding: FindingRow & { entity: string | null; entity_id: string | null; rule_version: number | null; last_seen_run: string };
  evidence: { field: string; value: string }[];
  sources: { entity: string; entity_id: string; delivery_id: string | null; file_name: string | null; line: number }[];
  history: { status: string; previous_status: string | null; by: string; at: string; note: string | null }[];
}
