// Compliance and objections at scale (issue 18): the ledger bench's synthetic book (ledger-book.ts), with
// objections given a lifecycle (submitted, under review, some escalated, most decided), built once by the
// engine in its own process; the build times of the two marts and what only they need are read beside the
// ledger's from the same build, with the process's peak memory. `npm run bench` runs it at 100,000 employers
// × 24 months (target: both marts under 30 s together); alone: `npx tsx bench/compliance.ts [employers] [months]`.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildModels } from "../pipelines/engine/build.ts";
import { assertBuilt, LEDGER, secondsOf } from "./build-times.ts";
import { ruleParams } from "../pipelines/engine/rule-params.ts";
import { ensureWarehouseSchema } from "../pipelines/ingest/warehouse-schema.ts";
import { silentLogger } from "../pipelines/lib/context.ts";
import { openWarehouse, queryRows } from "../pipelines/lib/duckdb.ts";
import { loadRules } from "../pipelines/rules/index.ts";
import { MEMORY_LIMIT } from "./ledger.ts";
import { AS_OF, synthesisSql } from "./ledger-book.ts";
import type { Section } from "./report.ts";

/** What only the compliance mart needs, and what only the objection marts need. */
const COMPLIANCE = ["core.compliance_declarations", "core.compliance_invoices", "marts.compliance_monthly"];
const OBJECTIONS = ["core.dispute_timeline", "marts.dispute_lifecycle", "marts.dispute_backlog", "marts.dispute_settlement_check"];

/** The book's objections get a lifecycle: submitted, under review, a fifth escalated, decided on a spread of days. */
export const LIFECYCLE = `INSERT INTO raw.dispute_events BY NAME
  SELECT d.dispute_id || '-' || s.k AS event_id, d.dispute_id,
         CAST(d.submitted_on + s.after + CAST(hash(d.dispute_id) % 20 AS INTEGER) * (s.k > 2)::INTEGER AS TIMESTAMPTZ)
           + INTERVAL 10 HOUR AS "at",
         s.status, 'ST001' AS actor, 0 AS _load_id, 0 AS _line, 0 AS _row_hash
  FROM raw.disputes AS d,
       (VALUES (1, 0, 'submitted'), (2, 2, 'under_review'), (3, 20, 'escalated_legal')) AS s(k, after, status)
  WHERE s.k < 3 OR hash(d.dispute_id || 'x') % 5 = 0`;

interface Figures {
  seconds: number;
  peakMiB: number;
  [k: string]: unknown;
}

async function child(db: string, employers: number, months: number, memoryLimit: string): Promise<Figures> {
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const w = await openWarehouse(db, { memoryLimit });
  await ensureWarehouseSchema(w.connection);
  for (const sql of synthesisSql(employers, months)) await w.connection.run(sql);
  await w.connection.run(LIFECYCLE);
  const started = performance.now();
  const summary = await buildModels(
    w,
    {
      modelsDir: "models",
      asOf: AS_OF,
      params: ruleParams(loadRules()),
      runId: `bench-compliance-${Date.now()}`,
      select: [...COMPLIANCE, ...OBJECTIONS].map((m) => `+${m}`),
    },
    { logger: silentLogger, now: () => new Date() },
  );
  const seconds = (performance.now() - started) / 1000;
  assertBuilt(summary);
  const time = (pick: (id: string) => boolean) => secondsOf(summary, pick);
  // The floor of any declaration check: every wage row looked at once, counted per employer and month.
  const floorStarted = performance.now();
  await queryRows(
    w.connection,
    "SELECT count(*) AS n FROM (SELECT employer_id, period, count(*) FROM raw.wages GROUP BY employer_id, period)",
  );
  const wagePassSeconds = (performance.now() - floorStarted) / 1000;
  const [n] = await queryRows<{ rows: number; disputes: number; wages: number }>(
    w.connection,
    `SELECT (SELECT count(*) FROM marts.compliance_monthly) AS rows, (SELECT count(*) FROM marts.dispute_lifecycle) AS disputes,
            (SELECT count(*) FROM raw.wages) AS wages`,
  );
  w.close();
  const usage = process.resourceUsage();
  return {
    seconds,
    peakMiB: usage.maxRSS / 1024,
    ledgerSeconds: time((id) => LEDGER.test(id)),
    complianceSeconds: time((id) => COMPLIANCE.includes(id)),
    objectionsSeconds: time((id) => OBJECTIONS.includes(id)),
    engagementMonthsSeconds: time((id) => id === "core.engagement_months"),
    wagePassSeconds,
    perModel: Object.fromEntries(
      summary.models.filter((m) => [...COMPLIANCE, ...OBJECTIONS].includes(m.model)).map((m) => [m.model, m.durationMs / 1000]),
    ),
    ...n,
  };
}

export function benchCompliance(o: { work: string; employers: number; months: number }): Figures & { load: number } {
  mkdirSync(o.work, { recursive: true });
  const db = join(o.work, `compliance-${o.employers}.duckdb`);
  const load = loadavg()[0]!;
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", import.meta.filename, "child", db, String(o.employers), String(o.months), MEMORY_LIMIT],
    {
      cwd: join(import.meta.dirname, ".."),
      encoding: "utf8",
      maxBuffer: 1 << 24,
    },
  );
  rmSync(db, { force: true });
  if (result.status !== 0) throw new Error(`compliance bench failed: ${result.stderr}`);
  return { ...(JSON.parse(result.stdout.trim().split("\n").at(-1)!) as Figures), load };
}

export function section(r: Figures & { load: number }, employers: number, months: number): Section {
  const both = (r.complianceSeconds as number) + (r.objectionsSeconds as number);
  const scale = 100_000 / employers;
  const s = (x: unknown) => `${(x as number).toFixed(1)} s`;
  return {
    name: "compliance",
    title: `Compliance and objections: ${employers.toLocaleString("en")} employers × ${months} months, beside the ledger in one build`,
    rows: [
      [
        "wage rows; compliance rows; objections",
        `${Number(r.wages).toLocaleString("en")}; ${Number(r.rows).toLocaleString("en")}; ${r.disputes}`,
      ],
      ["the ledger (staging, intervals, allocation, balance, ageing), tests included", s(r.ledgerSeconds)],
      [
        "core.engagement_months (the expected contributions'; the declarations read the engagements' spans instead)",
        r.engagementMonthsSeconds ? s(r.engagementMonthsSeconds) : "not in this build",
      ],
      ["compliance: declarations, invoices (days late from the ledger's spans), mart", s(r.complianceSeconds)],
      ["objections: timeline, lifecycle, backlog, settlement control", s(r.objectionsSeconds)],
      ["both marts together; ratio to the ledger", `${both.toFixed(1)} s; ${(both / (r.ledgerSeconds as number)).toFixed(2)}×`],
      ...(typeof r.wagePassSeconds === "number"
        ? ([
            [
              "floor: one grouped pass over the wage rows (employer × month), after the build; both marts as a multiple of it",
              `${s(r.wagePassSeconds)}; ${(both / r.wagePassSeconds).toFixed(1)}×`,
            ],
          ] as [string, string][])
        : []),
      [
        "per model",
        Object.entries(r.perModel as Record<string, number>)
          .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
          .join("; "),
      ],
      ["whole build (these marts and everything they read)", `${r.seconds.toFixed(1)} s, peak ${r.peakMiB.toFixed(0)} MiB`],
      ...(scale === 1
        ? []
        : ([[`both marts at 100,000 employers, if linear (×${scale.toFixed(0)})`, `${(both * scale).toFixed(1)} s`]] as [
            string,
            string,
          ][])),
    ],
    target: "both marts under 30 s together at 100,000 employers × 24 months; peak memory reported",
    pass: both * scale < 30,
    conditions:
      `One build by the engine in its own process (DuckDB memory_limit ${MEMORY_LIMIT}), the models of both marts and everything ` +
      `they read, tests included; each model's time is the engine's (build and tests). 1-minute load average ${r.load.toFixed(1)} ` +
      "at the start, on a 2-core machine shared with other sessions." +
      (scale === 1 ? "" : ` Measured at ${employers.toLocaleString("en")} employers; the 100,000 figure is that × ${scale.toFixed(0)}.`),
  };
}

/** `npm run bench`: 100,000 employers × 24 months. */
export async function bench(o: { work: string }): Promise<Section> {
  return section(benchCompliance({ work: o.work, employers: 100_000, months: 24 }), 100_000, 24);
}

if (import.meta.filename === process.argv[1] || pathToFileURL(process.argv[1] ?? "").href === import.meta.url) {
  const [first, ...rest] = process.argv.slice(2);
  if (first === "child") {
    const [db, employers, months, memoryLimit] = rest as [string, string, string, string];
    process.stdout.write(`${JSON.stringify(await child(db, Number(employers), Number(months), memoryLimit))}\n`);
  } else {
    const employers = Number(first ?? 10_000);
    const months = Number(rest[0] ?? 24);
    const r = benchCompliance({ work: join(import.meta.dirname, "work", "compliance"), employers, months });
    console.log(JSON.stringify(section(r, employers, months), null, 2));
  }
}
