// The detectors at scale (issue 17, Performance): a generated delivery (the generator's world, with its
// staff activity, payments and planted patterns, which the ledger bench's synthetic book lacks) ingested,
// then one full build by the engine in its own process; the detectors' build times (their shared inputs,
// every detector and the findings union) are read beside the ledger's from that same build, with the
// process's peak memory. `npm run bench -- --only detectors [--detectors-employers N]` (default 10,000 ×
// 24 months, with the 100,000 figure extrapolated linearly: generating and ingesting 100,000 employers alone
// takes over 20 minutes on the 2-core machine, so the scale is run by asking for it,
// `--detectors-employers 100000`, under the machine-wide bench lock); alone:
// `npx tsx bench/detectors.ts [employers] [months] [--keep]`. `--detectors-warehouse FILE` builds a copy of a warehouse
// kept by an earlier run (--keep) instead of generating and ingesting the same delivery again: at 100,000 employers that
// saves 22 minutes, and the build — what is measured — is the same.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildModels } from "../pipelines/engine/build.ts";
import { assertBuilt, type GroupTime, groupTimes, isDetector, LEDGER, showGroupTime, WALL_SHARE_NOTE } from "./build-times.ts";
import { ruleParams } from "../pipelines/engine/rule-params.ts";
import { generateDeliveries } from "../pipelines/generate/index.ts";
import { silentLogger } from "../pipelines/lib/context.ts";
import { openWarehouse, queryRows } from "../pipelines/lib/duckdb.ts";
import { loadRules } from "../pipelines/rules/index.ts";
import { MEMORY_LIMIT } from "./ledger.ts";
import { trackMemoryPeak } from "./memory-peak.ts";
import type { Section } from "./report.ts";

const AS_OF_AFTER = (end: string) => {
  const [y, m] = end.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-22` : `${y}-${String(m + 1).padStart(2, "0")}-22`;
};
const END = "2026-10";

interface Figures {
  seconds: number;
  peakMiB: number;
  detectors: GroupTime;
  ledger: GroupTime;
  other: GroupTime;
  perDetector: Record<string, number>;
  wages: number;
  findings: number;
  [k: string]: unknown;
}

async function child(db: string, memoryLimit: string): Promise<Figures> {
  const memory = trackMemoryPeak();
  const w = await openWarehouse(db, { memoryLimit });
  const started = performance.now();
  const summary = await buildModels(
    w,
    { modelsDir: "models", asOf: AS_OF_AFTER(END), params: ruleParams(loadRules()), runId: `bench-detectors-${Date.now()}` },
    { logger: silentLogger, now: () => new Date() },
  );
  const seconds = (performance.now() - started) / 1000;
  assertBuilt(summary);
  const time = groupTimes(summary);
  const [n] = await queryRows<{ wages: number; findings: number }>(
    w.connection,
    "SELECT (SELECT count(*) FROM raw.wages) AS wages, (SELECT count(*) FROM marts.anomalies) AS findings",
  );
  w.close();
  return {
    seconds,
    ...memory.stop(),
    detectors: time(isDetector),
    ledger: time((id) => LEDGER.test(id)),
    other: time((id) => !isDetector(id) && !LEDGER.test(id)),
    perDetector: Object.fromEntries(
      summary.models
        .filter((m) => isDetector(m.model))
        .sort((a, b) => b.durationMs - a.durationMs)
        .map((m) => [m.model, m.durationMs / 1000]),
    ),
    wages: Number(n!.wages),
    findings: Number(n!.findings),
  };
}

function spawnTsx(args: string[]): string {
  const result = spawnSync(process.execPath, ["--import", "tsx", ...args], {
    cwd: join(import.meta.dirname, ".."),
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0) throw new Error(`detectors bench failed: ${result.stderr}`);
  return result.stdout.trim().split("\n").at(-1)!;
}

export async function benchDetectors(o: {
  work: string;
  employers: number;
  months: number;
  /** Keep the warehouse in `work` (to profile it, or time other models on the same data). */
  keep?: boolean;
  /** A warehouse kept by an earlier run of the same delivery: copied and built, not generated and ingested again. */
  from?: string;
}): Promise<Figures & { load: number }> {
  mkdirSync(o.work, { recursive: true });
  const gen = join(o.work, "gen");
  const db = join(o.work, `detectors-${o.employers}.duckdb`);
  if (o.from) copyFileSync(o.from, db);
  else {
    await generateDeliveries({ out: gen, employers: o.employers, months: o.months, end: END, seed: "bench", force: true });
    spawnTsx([join(import.meta.dirname, "child.ts"), "ingest", join(gen, "inbox"), db, MEMORY_LIMIT]);
    rmSync(gen, { recursive: true, force: true });
  }
  const load = loadavg()[0]!;
  const figures = JSON.parse(spawnTsx([import.meta.filename, "child", db, MEMORY_LIMIT])) as Figures;
  if (!o.keep) rmSync(db, { force: true });
  return { ...figures, load };
}

export function section(r: Figures & { load: number }, employers: number, months: number): Section {
  const scale = 100_000 / employers;
  const s = (x: number) => `${x.toFixed(1)} s`;
  const slowest = Object.entries(r.perDetector).slice(0, 8);
  return {
    name: "detectors",
    title: `Detectors: ${employers.toLocaleString("en")} generated employers × ${months} months, beside the ledger in one build`,
    rows: [
      ["wage rows; findings", `${r.wages.toLocaleString("en")}; ${r.findings.toLocaleString("en")}`],
      [
        "all detectors (shared inputs, every detector, the findings union), tests included: share of the build's wall clock; " +
          "model times summed",
        showGroupTime(r.detectors),
      ],
      ["the ledger (staging, intervals, allocation, balance, ageing), tests included: the same two", showGroupTime(r.ledger)],
      ["every other model: the same two", showGroupTime(r.other)],
      [
        "ratio detectors / ledger: wall-clock shares; summed",
        `${(r.detectors.seconds / r.ledger.seconds).toFixed(2)}×; ${(r.detectors.summedSeconds / r.ledger.summedSeconds).toFixed(2)}×`,
      ],
      ["slowest detector models (each one's own time)", slowest.map(([k, v]) => `${k} ${v.toFixed(1)} s`).join("; ")],
      ["whole build", `${r.seconds.toFixed(1)} s, peak ${r.peakMiB.toFixed(0)} MiB`],
      ...(scale === 1
        ? []
        : ([[`all detectors at 100,000 employers, if linear (×${scale.toFixed(0)})`, s(r.detectors.seconds * scale)]] as [
            string,
            string,
          ][])),
    ],
    target: "all detectors under 60 s together at 100,000 employers × 24 months; peak memory reported",
    pass: r.detectors.seconds * scale < 60,
    conditions:
      `A delivery generated with seed "bench" (default rates) and loaded by the real ingest; one full build by the engine in its ` +
      `own process (DuckDB memory_limit ${MEMORY_LIMIT}); each model's time is the engine's (build and tests). ${WALL_SHARE_NOTE} ` +
      `Peak memory is the ` +
      `build process's. 1-minute load average ${r.load.toFixed(1)} at the start of the build, on a 2-core machine shared with other ` +
      "sessions." +
      (scale === 1 ? "" : ` Measured at ${employers.toLocaleString("en")} employers; the 100,000 figure is that × ${scale.toFixed(0)}.`),
  };
}

/** `npm run bench -- --only detectors`: 10,000 employers × 24 months unless --detectors-employers says otherwise. */
export async function bench(o: {
  work: string;
  detectorsEmployers?: number;
  keep?: boolean;
  detectorsWarehouse?: string;
}): Promise<Section> {
  const employers = o.detectorsEmployers ?? 10_000;
  const months = 24;
  return section(await benchDetectors({ work: o.work, employers, months, keep: o.keep, from: o.detectorsWarehouse }), employers, months);
}

if (import.meta.filename === process.argv[1] || pathToFileURL(process.argv[1] ?? "").href === import.meta.url) {
  const [first, ...rest] = process.argv.slice(2);
  if (first === "child") {
    const [db, memoryLimit] = rest as [string, string];
    process.stdout.write(`${JSON.stringify(await child(db, memoryLimit))}\n`);
  } else {
    const employers = Number(first ?? 10_000);
    const months = Number(rest[0] ?? 24);
    const r = await benchDetectors({
      work: join(import.meta.dirname, "work", "detectors"),
      employers,
      months,
      keep: rest.includes("--keep"),
    });
    console.log(JSON.stringify(section(r, employers, months), null, 2));
  }
}
