// The Benford chart's files (audit build only; pipelines/publish/export/benford.ts): an index of every
// group tested, and one shard per group with its digit distributions (dashboards/components/benford-files.ts names them),
// from marts.benford_digits.

export type BenfordTestName = "first_digit" | "first_two";
export type BenfordLevel = "all" | "employer" | "staff";

/** Nigrini's bounds on the mean absolute deviation. */
export interface BenfordBands {
  close: number;
  acceptable: number;
  marginal: number;
}

/** One test of one group, without its digits. */
export interface BenfordResult {
  test: BenfordTestName;
  population: string;
  level: BenfordLevel;
  group_id: string;
  amounts: number;
  mad: number;
  conformity: "close" | "acceptable" | "marginal" | "nonconformity";
}

/** One test of one group with its distribution: the chart's bars (observed) and line (expected). */
export interface BenfordChartData extends BenfordResult {
  digits: { digit: number; hits: number; observed: number; expected: number }[];
}

/** benford/index.json. */
export interface BenfordIndex {
  /** The least number of amounts a group needs for each test (detectors.benford). */
  min_count: Record<BenfordTestName, number>;
  bands: Record<BenfordTestName, BenfordBands>;
  /** Every group tested (at or above the minimum), every test and population. */
  tested: BenfordResult[];
}
