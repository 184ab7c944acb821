// `tahseel generate`: writes a seeded, deterministic inbox of deliveries (extracts.md), the answer
// key of planted anomalies beside it, and, on request, planted faults with the outcomes expected.
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { UserError } from "../lib/errors.ts";
import type { RunContext } from "../lib/context.ts";
import { defaultRules } from "../rules/load.ts";
import type { CompiledRules } from "../rules/contribution.ts";
import { staffLogins } from "./activity.ts";
import { Planter, type Pattern } from "./anomalies.ts";
import { parseMonth } from "./calendar.ts";
import { Deliveries, manifestOf, writeManifest } from "./deliveries.ts";
import { simulateEmployer } from "./employer.ts";
import { FaultPlanter } from "./faults.ts";
import { Ids } from "./ids.ts";
import type { Handoff, World } from "./model.ts";
import { parseOptions, ratesOf, type GenerateOptionsInput } from "./options.ts";
import { drawEmployer } from "./population.ts";
import { seedNumber } from "./prng.ts";
import { makeWindow } from "./schedule.ts";
import { Staff } from "./staff.ts";

export interface GenerateResult {
  out: string;
  deliveries: number;
  files: number;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  counts: Record<string, number>;
  planted: Partial<Record<Pattern, number>>;
  faults: number;
}

export async function generateDeliveries(input: GenerateOptionsInput, context?: Pick<RunContext, "logger">, rules: CompiledRules = defaultRules()): Promise<GenerateResult> {
  const options = parseOptions(input);
  const started = performance.now();
  const inbox = join(options.out, "inbox");
  if (existsSync(inbox) && readdirSync(inbox).length > 0) {
    if (!options.force) throw new UserError(`${inbox} already holds deliveries: choose an empty --out or pass --force to replace them`);
    rmSync(inbox, { recursive: true, force: true });
    rmSync(join(options.out, "faults.csv"), { force: true });
  }
  mkdirSync(inbox, { recursive: true });

  const seed = seedNumber(options.seed);
  const window = makeWindow(parseMonth(options.end), options.months);
  const faults = options.faults ? new FaultPlanter(seed, options.out) : null;
  const world: World = {
    seed, window, rules, employerCount: options.employers, counts: {},
    out: new Deliveries(inbox, window, faults?.reformat.bind(faults)),
    planter: new Planter(options.out, ratesOf(options)),
    staff: new Staff(seed, options.employers),
    ids: new Ids(seed),
  };
  staffLogins(world);
  let current = drawEmployer(world, 0);
  let handoff: Handoff = {};
  const progressEvery = Math.max(1000, Math.floor(options.employers / 20));
  for (let i = 0; i < options.employers; i++) {
    const next = i + 1 < options.employers ? drawEmployer(world, i + 1) : null;
    handoff = simulateEmployer(world, current, next, handoff);
    if (next) current = next;
    if ((i + 1) % progressEvery === 0) context?.logger.info(`generated ${i + 1} of ${options.employers} employers`);
  }
  faults?.plantRows(world);
  const written = world.out.close();
  for (const delivery of written) writeManifest(delivery.folder, faults ? faults.tamper(delivery, manifestOf(delivery)) : manifestOf(delivery));
  const extra = faults ? faults.plantFiles(world, written) : [];
  faults?.close();
  world.planter.close();

  const all = [...written, ...extra];
  const files = all.flatMap((d) => d.files);
  const rows = files.reduce((sum, f) => sum + f.rows, 0);
  const seconds = (performance.now() - started) / 1000;
  return {
    out: options.out, deliveries: all.length, files: files.length, rows, bytes: files.reduce((s, f) => s + f.bytes, 0), seconds,
    rowsPerSecond: Math.round(rows / seconds), counts: world.counts, planted: Object.fromEntries(world.planter.planted), faults: faults?.count ?? 0,
  };
}
