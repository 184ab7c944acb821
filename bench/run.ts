// `npm run bench`: every speed and memory target, measured against a baseline in the same run, written
// to bench/report.md. Options: --employers N (default 1,700,000: a national-scale month), --months N
// (default 1), --memory-limit (DuckDB's, for the floor and the ingest alike; default 1536MB, so that the
// ingest's resident memory and its working copies in memory stay under 4 GiB together), --keep (keep the
// generated data in bench/work), --ledger-employers N and --ledger-months N (the scale of the ledger stage,
// where the detectors are timed in the same build; default 100,000 × 24), --detectors-employers N (the
// detectors stage's generated delivery, × 24 months; default 10,000), --detectors-warehouse FILE (a warehouse of that
// delivery kept by an earlier --keep run, copied and built instead of generated and ingested again).
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateDeliveries } from "../pipelines/generate/index.ts";
import { consoleLogger } from "../pipelines/lib/context.ts";
import { benchIngest } from "./ingest.ts";
import { benchEngine } from "./engine.ts";
import { renderReport, saveSections, type Section } from "./report.ts";
import { loadavg } from "node:os";

const { values } = parseArgs({
  options: {
    employers: { type: "string", default: "1700000" },
    months: { type: "string", default: "1" },
    "memory-limit": { type: "string", default: "1536MB" },
    keep: { type: "boolean", default: false },
    // the ledger stage's scale (and the detectors' timed in the same build): the issues' target is 100,000 × 24
    "ledger-employers": { type: "string", default: "100000" },
    "ledger-months": { type: "string", default: "24" },
    "detectors-employers": { type: "string", default: "10000" },
    "detectors-warehouse": { type: "string" },
    only: { type: "string" },
  },
});
const logger = consoleLogger("info");
const work = join(import.meta.dirname, "work");
// Each stage works in its own folder under bench/work and clears only that one, so a stage run alone
// (`--only dashboards`) never deletes what another stage is using.
const stageDir = (name: string) => {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
};
const stageDirs: string[] = [];
const wanted = (name: string) => !values.only || values.only.split(",").includes(name);
const sections: Section[] = [];
const load = () => loadavg()[0]!.toFixed(1);

if (wanted("ingest") || wanted("generate")) {
  const dir = stageDir("ingest");
  stageDirs.push(dir);
  logger.info(`generating ${values.employers} employers × ${values.months} month(s)…`);
  const loadBefore = load();
  const generated = await generateDeliveries(
    { out: join(dir, "gen"), employers: Number(values.employers), months: Number(values.months), seed: "bench" },
    { logger },
  );
  sections.push({
    name: "generate",
    title: `Generator: ${Number(values.employers).toLocaleString("en")} employers × ${values.months} month(s)`,
    rows: [
      ["rows written", generated.rows.toLocaleString("en")],
      ["bytes written", `${(generated.bytes / 2 ** 30).toFixed(2)} GiB`],
      ["seconds", generated.seconds.toFixed(1)],
      ["rows per second", Math.round(generated.rowsPerSecond).toLocaleString("en")],
    ],
    target: "≥ 500,000 rows/s",
    pass: generated.rowsPerSecond >= 500_000,
    conditions: `Seeded generation with the default shards (worker threads); 1-minute load average ${loadBefore} before, ${load()} after.`,
  });
  if (wanted("ingest")) {
    logger.info("ingest vs floor…");
    const ingestLoad = load();
    const b = benchIngest(join(dir, "gen", "inbox"), dir, values["memory-limit"]!);
    sections.push({
      name: "ingest",
      title: "Ingest against DuckDB's bare read_csv of the same files (each in its own process)",
      rows: [
        ["rows", String(b.ingest.rows)],
        [
          "floor: read_csv into plain tables (mean of the runs before and after the ingest)",
          `${b.floor.seconds.toFixed(1)} s (CPU ${b.floor.cpuSeconds.toFixed(1)} s), peak ${b.floor.peakMiB.toFixed(0)} MiB`,
        ],
        ["floor before, after", b.floors.map((f) => `${f.seconds.toFixed(1)} s (CPU ${f.cpuSeconds.toFixed(1)} s)`).join(", ")],
        [
          "tahseel ingest (verify, validate, quarantine, history)",
          `${b.ingest.seconds.toFixed(1)} s (CPU ${b.ingest.cpuSeconds.toFixed(1)} s), peak ${b.ingest.peakMiB.toFixed(0)} MiB`,
        ],
        [
          "ingest's peak memory: the process, its working copies in memory (at most, each)",
          `${b.ingest.peakRssMiB.toFixed(0)} MiB, ${b.ingest.peakInMemoryFilesMiB.toFixed(0)} MiB`,
        ],
        ["ratio ingest / floor", `${b.ratio.toFixed(2)}×`],
        ["ratio of CPU time", `${(b.ingest.cpuSeconds / b.floor.cpuSeconds).toFixed(2)}×`],
        ["DuckDB memory_limit", b.memoryLimit],
        [
          "reference: floor without insertion order",
          `${b.floorUnordered.seconds.toFixed(1)} s (CPU ${b.floorUnordered.cpuSeconds.toFixed(1)} s); ingest / it ` +
            `${(b.ingest.seconds / b.floorUnordered.seconds).toFixed(2)}×`,
        ],
      ],
      target: "ingest ≤ 1.5× floor; peak memory < 4 GiB",
      pass: b.ratio <= 1.5 && b.ingest.peakMiB < 4096,
      conditions:
        `${b.ingest.files} files; the floor is DuckDB's read_csv of each file into its own table with the contract's column ` +
        `types, one CHECKPOINT at the end; the ingest verifies sha256 and counts, checks every rule, reference and key, quarantines, ` +
        `keeps history and lineage, one transaction per file; files of a million records and more are inserted without insertion order ` +
        `(each row carries its line), so the same reads without it are reported beside the floor. Peak memory is the kernel's count of ` +
        `each process's resident memory, and for the ingest the larger of that and its resident memory plus the working copies it keeps ` +
        `in memory (in /dev/shm), sampled every 50 ms. 1-minute load average ${ingestLoad} before, ${load()} after.`,
    });
  }
}

if (wanted("engine")) {
  logger.info("engine overhead…");
  const e = await benchEngine();
  sections.push({
    name: "engine",
    title: `Model engine: ${e.models} trivial models, engine vs the same SQL run directly`,
    rows: [
      ["DuckDB directly", `${(e.directMs / 1000).toFixed(2)} s`],
      ["engine, one at a time", `${(e.engineMs / 1000).toFixed(2)} s`],
      ["engine overhead per model", `${e.overheadPerModelMs.toFixed(1)} ms`],
      ["engine, two connections side by side", `${(e.engineParallelMs / 1000).toFixed(2)} s`],
      ["no-change rebuild", `${(e.noChangeRebuildMs / 1000).toFixed(2)} s`],
    ],
    target: `overhead < ${e.budget.overheadPerModelMs} ms/model; no-change rebuild < ${e.budget.noChangeRebuildMs / 1000} s`,
    pass: e.pass,
  });
}

// Later issues add their benches as bench/<name>.ts exporting `bench(): Promise<Section>`.
for (const name of ["ledger", "compliance", "detectors", "risk", "dashboards", "startup"]) {
  const file = join(import.meta.dirname, `${name}.ts`);
  if (!wanted(name) || !existsSync(file)) continue;
  const mod = (await import(file)) as {
    bench?: (o: {
      work: string;
      employers: number;
      months: number;
      detectorsEmployers: number;
      keep: boolean;
      detectorsWarehouse?: string;
    }) => Promise<Section>;
  };
  if (!mod.bench) continue;
  const dir = stageDir(name);
  stageDirs.push(dir);
  sections.push(
    await mod.bench({
      work: dir,
      employers: Number(values["ledger-employers"]),
      months: Number(values["ledger-months"]),
      detectorsEmployers: Number(values["detectors-employers"]),
      keep: values.keep === true,
      detectorsWarehouse: values["detectors-warehouse"],
    }),
  );
}

saveSections(join(import.meta.dirname, "results"), sections, new Date(), `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim());
writeFileSync(join(import.meta.dirname, "report.md"), renderReport(join(import.meta.dirname, "results")));
logger.info(`bench/report.md written (${sections.filter((s) => s.pass).length} of ${sections.length} targets met)`);
if (!values.keep) for (const dir of stageDirs) rmSync(dir, { recursive: true, force: true });
