// The words publish shares with the site and the report: who a build is for, in which language,
// and the stamp every page and report carries so a reader knows which data they are looking at.

export const AUDIENCES = ["management", "audit"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const LANGS = ["ar", "en"] as const;
export type Lang = (typeof LANGS)[number];

/** Latin or Arabic-Indic digits in Arabic pages (English pages always use Latin). */
export type Digits = "latn" | "arab";

export interface Stamp {
  /** The as-of date of the warehouse (latest reporting date of the ledger). */
  as_of: string;
  /** The month the overview and the management report are about (last complete month as of as_of). */
  period: string;
  /** Last day of `period` (or as_of when that comes first): the snapshot the overview shows. */
  period_end: string;
  /** The run whose data is shown: the publishing run, or the last successful run in audit.runs. */
  run_id: string;
  /** When this site/report was built. */
  built_at: string;
  audience: Audience;
  git_sha: string | null;
}

/** A page of the site; later pages (compliance, risk, anomalies, objections) slot in here. */
export interface PageSpec {
  id: string;
  audiences: readonly Audience[];
}

export const PAGES: readonly PageSpec[] = [
  { id: "index", audiences: AUDIENCES },
  { id: "collections", audiences: AUDIENCES },
  { id: "employer", audiences: ["audit"] },
  { id: "billing", audiences: AUDIENCES },
  { id: "findings", audiences: AUDIENCES },
  { id: "objections", audiences: AUDIENCES },
  { id: "compliance", audiences: AUDIENCES },
  { id: "staff", audiences: ["audit"] },
  { id: "risk", audiences: AUDIENCES },
  { id: "alerts", audiences: ["audit"] },
  { id: "health", audiences: AUDIENCES },
];

export const pagesFor = (audience: Audience) => PAGES.filter((p) => p.audiences.includes(audience)).map((p) => p.id);

/** The one file the site reads to know what it is (written into the site's source root). */
export interface SiteInfo {
  audience: Audience;
  pages: string[];
  digits: Digits;
  stamp: Stamp;
}
