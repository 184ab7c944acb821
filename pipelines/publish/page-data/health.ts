// health.json: how fresh each source is, what was loaded and rejected, why rows were quarantined,
// the latest result of every model test, the runs and the publishing run's input files (paged).
// Moments are UTC ISO text. catalog.json is the engine's Catalog (pipelines/engine/catalog.ts).
import type { ObjectionIssue } from "./objections.ts";
import type { PagedList } from "./paged.ts";

export type FreshnessRow = {
  entity: string;
  last_delivery_created_at: string | null;
  last_loaded_at: string | null;
  files: number;
  rows_loaded: number | null;
};

export type LoadRow = {
  entity: string;
  files: number;
  loaded_files: number;
  rejected_files: number;
  duplicate_files: number;
  rows: number;
  loaded: number | null;
  skipped: number | null;
  quarantined: number | null;
};

/** A file or a whole delivery refused, with the pipeline's (English) reason. */
export type RejectionRow = {
  delivery_id: string;
  file_name: string;
  entity: string | null;
  reason: string | null;
  happened_at: string | null;
};

export type QuarantineRow = { entity: string; rule: string; rows: number };

export type QuarantinedLine = {
  delivery_id: string;
  file_name: string;
  entity: string;
  line: number;
  raw: string;
  reasons: string[];
};

export type TestRow = {
  model: string;
  test: string;
  severity: string;
  status: string;
  failing_rows: number | null;
  checked_at: string;
  run_id: string;
};

export type RunRow = {
  run_id: string;
  job: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  error: string | null;
  git_sha: string | null;
  as_of: string | null;
  inputs: number;
  /** `<step>:<status>` in order. */
  steps: string[] | null;
};

/** A page of run-inputs/<run_id>/: the files a run read, with their checksums. */
export type RunInput = { file: string; sha256: string };

export type HealthData = {
  entities: string[];
  freshness: FreshnessRow[];
  loads: LoadRow[];
  rejections: RejectionRow[];
  quarantine: QuarantineRow[];
  tests: TestRow[];
  runs: RunRow[];
  run_inputs: { run_id: string; paged: PagedList };
  /** Audit only: the newest quarantined lines with their raw text. */
  quarantined_rows?: QuarantinedLine[];
  /** Bad objection input, counted per rule of marts.dispute_lifecycle (empty without that mart). */
  objection_issues?: ObjectionIssue[];
};
