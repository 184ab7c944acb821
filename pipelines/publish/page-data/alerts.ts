// alerts.json: the alerts raised from the warehouse (audit.alerts) counted by rule, state and severity
// in both builds, and — audit build only — the list, paged (shards alerts/list/<n>.json of AlertRow).
// Moments are UTC ISO text.
import type { PagedList } from "./paged.ts";

/** How many alerts of one rule are in one state at one severity. */
export type AlertCount = { kind: string; state: string; severity: string; n: number };

export type AlertsData = {
  total: number;
  /** Every rule × state × severity that has an alert; the pages sum what they show from it. */
  counts: AlertCount[];
  /** The list, newest first (audit build only). */
  list?: PagedList;
};

/** A row of the list: the latest state of one occurrence of an alert. */
export type AlertRow = {
  alert_key: string;
  occurrence: number;
  /** The rule that raised it (the alert's kind): a file of config/alert-rules, or `finding`. */
  kind: string;
  severity: string;
  state: string;
  message_en: string;
  /** Null for an alert raised before alerts had an Arabic message. */
  message_ar: string | null;
  raised_at: string;
  /** Who moved it to its state and when (for `new`, the raising: tahseel at raised_at). */
  state_by: string;
  state_at: string;
  state_note: string | null;
  /** What the key names after `kind:` — an employer, a finding, an objection, a model:test, a source. */
  ref: string;
  /** The Findings page's id of the finding a `finding` alert is about. */
  finding_key: string | null;
  employer_id: string | null;
  name_ar: string | null;
  name_en: string | null;
  run_id: string | null;
};
