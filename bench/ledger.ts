// The ledger at scale (issue 4): a synthetic book of N employers × M months written straight into the
// raw tables (ledger-book.ts), then (each in its own process, for its own peak memory: ledger-phases.ts) the full build of
// the models, one as-of ageing, and the plain TypeScript oracle on the same data. Also the same build at
// a tenth of the employers, for linearity. `bench()` is what `npm run bench` calls (100,000 × 24); run
// alone with `npx tsx bench/ledger.ts [employers] [months] [work folder]`, or call benchLedger() with small numbers.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { PhaseFigures } from "./ledger-phases.ts";
import type { Section } from "./report.ts";

/**
 * DuckDB's memory_limit in every phase (TAHSEEL_BENCH_MEMORY to change it): the machine is shared, and the figure is part of the result.
 */
export const MEMORY_LIMIT = process.env.TAHSEEL_BENCH_MEMORY ?? "10GB";

function runPhase(task: string, db: string, employers: number, months: number, sample = 1): PhaseFigures {
  const result = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      join(import.meta.dirname, "ledger-phases.ts"),
      task,
      db,
      String(employers),
      String(months),
      String(sample),
      MEMORY_LIMIT,
    ],
    {
      cwd: join(import.meta.dirname, ".."),
      encoding: "utf8",
      maxBuffer: 1 << 24,
    },
  );
  if (result.status !== 0) throw new Error(`ledger bench ${task} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as PhaseFigures;
}

export interface LedgerBenchResult {
  employers: number;
  months: number;
  data: PhaseFigures;
  build: PhaseFigures;
  /** The models that compute what the oracle computes (see ORACLE_CHAIN), without their tests. */
  ledger: PhaseFigures;
  ageing: PhaseFigures;
  oracle: PhaseFigures;
  /** Oracle seconds (extrapolated from its sample when sampled) ÷ full build seconds. */
  oracleOverModels: number;
  /** Oracle seconds ÷ the seconds of the models that compute what it computes: the like-for-like ratio. */
  oracleOverLedger: number;
  /** Load average (1 min) when each phase started: the machine is shared. */
  load: Record<string, number>;
  small?: {
    employers: number;
    build: PhaseFigures;
    ledger: PhaseFigures;
    perEmployerRatio: number;
    ledgerPerEmployerRatio: number;
  };
}

/** Measures one scale (and, with `linearity`, a tenth of it too). Oracle on every `sample`-th employer. */
export function benchLedger(options: {
  work: string;
  employers: number;
  months: number;
  sample?: number;
  linearity?: boolean;
}): LedgerBenchResult {
  const { work, employers, months } = options;
  mkdirSync(work, { recursive: true });
  const db = join(work, `ledger-${employers}.duckdb`);
  const sample = options.sample ?? Math.max(1, Math.round(employers / 20_000));
  const load: Record<string, number> = {};
  const phase = (task: string, file: string, n: number, sampled = 1) => {
    load[`${task} ${n}`] = loadavg()[0]!;
    return runPhase(task, file, n, months, sampled);
  };
  const data = phase("synthesize", db, employers);
  const build = phase("build", db, employers);
  const ledger = phase("ledger", db, employers);
  const ageing = phase("ageing", db, employers);
  const oracle = phase("oracle", db, employers, sample);
  const oracleSeconds = oracle.extrapolatedSeconds as number;
  const result: LedgerBenchResult = {
    employers,
    months,
    data,
    build,
    ledger,
    ageing,
    oracle,
    load,
    oracleOverModels: oracleSeconds / build.seconds,
    oracleOverLedger: oracleSeconds / (ledger.ledgerSeconds as number),
  };
  rmSync(db, { force: true });
  if (options.linearity) {
    const small = Math.max(1, Math.round(employers / 10));
    const smallDb = join(work, `ledger-${small}.duckdb`);
    phase("synthesize", smallDb, small);
    const smallBuild = phase("build", smallDb, small);
    const smallLedger = phase("ledger", smallDb, small);
    rmSync(smallDb, { force: true });
    const perEmployer = (large: number, little: number) => large / employers / (little / small);
    result.small = {
      employers: small,
      build: smallBuild,
      ledger: smallLedger,
      perEmployerRatio: perEmployer(build.seconds, smallBuild.seconds),
      ledgerPerEmployerRatio: perEmployer(ledger.ledgerSeconds as number, smallLedger.ledgerSeconds as number),
    };
  }
  return result;
}

/** `npm run bench`: 100,000 employers × 24 months, and 10,000 for linearity. */
export async function bench(o: { work: string; employers?: number; months?: number }): Promise<Section> {
  const r = benchLedger({ work: o.work, employers: o.employers ?? 100_000, months: o.months ?? 24, linearity: true });
  const s = (f: PhaseFigures) => `${f.seconds.toFixed(1)} s, peak ${f.peakMiB.toFixed(0)} MiB`;
  const ageingSeconds = r.ageing.ageingSeconds as number;
  const small = r.small!;
  const oracleSeconds = r.oracle.extrapolatedSeconds as number;
  // judged like for like: the oracle computes allocation, balance, ageing and suspension for every reporting
  // date, not expected contributions, invoice checks or KPIs, so its ratio is taken against the models that do the same
  const pass = r.oracleOverLedger >= 20 && ageingSeconds < 10 && small.perEmployerRatio <= 1.2;
  return {
    name: "ledger",
    title:
      `Ledger: ${r.employers.toLocaleString("en")} employers × ${r.months} months (${Number(r.data.wages).toLocaleString("en")} ` +
      `wage rows), models vs the TypeScript oracle`,
    rows: [
      ["synthetic book written to raw", s(r.data)],
      ["DuckDB memory_limit", MEMORY_LIMIT],
      ["(a) full build of all the models, with their tests", s(r.build)],
      ["slowest models (build, tests included)", (r.build.slowest as string[]).join("; ")],
      [
        `(a′) of which all detectors together (${r.build.detectorModels} models, summed model times; target < 60 s), ` +
          "beside the other models",
        `${(r.build.detectorsSeconds as number).toFixed(1)} s vs ${(r.build.otherModelsSeconds as number).toFixed(1)} s; ` +
          `peak of (a) ${r.build.peakMiB.toFixed(0)} MiB`,
      ],
      [
        `(b) the models that compute what the oracle computes (${r.ledger.models} models, raw → suspension, no tests)`,
        `${(r.ledger.ledgerSeconds as number).toFixed(1)} s, peak ${r.ledger.peakMiB.toFixed(0)} MiB`,
      ],
      [
        "one as-of ageing (accounts, allocation, balance, ageing for the as-of date, from the built intervals)",
        `${ageingSeconds.toFixed(1)} s`,
      ],
      ["one as-of ageing with the date-free intervals rebuilt too", `${(r.ageing.withIntervalsSeconds as number).toFixed(1)} s`],
      [
        "oracle (every month-end + as-of date; loading not counted)",
        `${oracleSeconds.toFixed(1)} s${r.oracle.sample === 1 ? "" : ` (1 employer in ${r.oracle.sample} timed, ×${r.oracle.sample})`}, ` +
          `loading ${(r.oracle.loadSeconds as number).toFixed(0)} s, peak ${r.oracle.peakMiB.toFixed(0)} MiB`,
      ],
      ["oracle ÷ (b), the target's ratio", `${r.oracleOverLedger.toFixed(1)}×`],
      ["oracle ÷ (a)", `${r.oracleOverModels.toFixed(1)}×`],
      [`(a) full build at ${small.employers.toLocaleString("en")} employers`, s(small.build)],
      [`(b) at ${small.employers.toLocaleString("en")} employers`, `${(small.ledger.ledgerSeconds as number).toFixed(1)} s`],
      [
        "time per employer, large ÷ small (1 = linear): (a), (b)",
        `${small.perEmployerRatio.toFixed(2)}, ${small.ledgerPerEmployerRatio.toFixed(2)}`,
      ],
    ],
    target:
      "models ≥ 20× faster than the oracle (judged on (b)); one as-of ageing < 10 s; per-employer build time at 10× the employers ≤ " +
      "1.2× (linear)",
    pass,
    conditions:
      `${r.employers.toLocaleString("en")} employers × ${r.months} months and ${small.employers.toLocaleString("en")} × ${r.months}, ` +
      `each phase in its own process, ` +
      `DuckDB memory_limit ${MEMORY_LIMIT}, on a 2-core machine shared with other sessions; load average (1 min) at the start of each ` +
      `phase: ` +
      Object.entries(r.load)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(", ") +
      ". " +
      "Reading of the 20× target: the oracle computes allocation, balance, ageing and suspension for every reporting date, so it is " +
      "judged against (b), " +
      "the models that compute the same from the raw tables; (a) adds expected contributions, invoice checks, coverage gaps, KPIs and " +
      "every build test, " +
      `which the oracle does not do — its ratio is shown beside it (${r.oracleOverModels >= 20 ? "also" : "not"} ≥ 20×). ` +
      "The one as-of ageing reads the date-free intervals (invoice positions and employer totals by day) the build keeps; the figure " +
      "with them rebuilt is given too.",
  };
}

if (import.meta.filename === process.argv[1] || pathToFileURL(process.argv[1] ?? "").href === import.meta.url) {
  const [first, ...rest] = process.argv.slice(2);
  const employers = Number(first ?? 2000);
  const months = Number(rest[0] ?? 12);
  // a work folder of its own: `npm run bench` clears bench/work when it starts
  const work = rest[1] ?? join(import.meta.dirname, "work", "ledger");
  console.log(JSON.stringify(benchLedger({ work, employers, months, linearity: true }), null, 2));
}
