// How soon a command starts: `tahseel --help`, a command's --help, `status` up to the start of its work
// and `status --json` on a small warehouse, each the median of N runs through bin/tahseel.js (what
// `npx tahseel` runs), beside `node -e 0` measured in the same rounds. For the record, the same --help
// through tsx (as when the compiled CLI is stale) and through npx, whose own start-up comes first.
// Run alone: `tsx bench/startup.ts [--runs N] [--work DIR]`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Section } from "./report.ts";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "tahseel.js");
export const TARGET_SECONDS = 1;

interface Probe {
  label: string;
  command: string[];
  env?: NodeJS.ProcessEnv;
  /** The exit code a correct run ends with. */
  code: number;
}

/**
 * CPU time of this process's finished children, in ms (Linux: /proc/self/stat's cutime + cstime, in
 * 100 Hz ticks), or NaN elsewhere. Unlike the wall time it hardly grows when other work shares the cores.
 */
function childrenCpuMs(): number {
  if (!existsSync("/proc/self/stat")) return Number.NaN;
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function timed(probe: Probe, cwd: string): { wall: number; cpu: number } {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const ran = spawnSync(probe.command[0]!, probe.command.slice(1), { cwd, env: { ...process.env, ...probe.env }, encoding: "utf8" });
  const wall = performance.now() - started;
  if (ran.status !== probe.code) throw new Error(`${probe.label}: exit ${ran.status}, expected ${probe.code}\n${ran.stderr}`);
  return { wall, cpu: childrenCpuMs() - cpuBefore };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function tahseel(cwd: string, ...args: string[]): void {
  const ran = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8" });
  if (ran.status !== 0) throw new Error(`tahseel ${args.join(" ")}: exit ${ran.status}\n${ran.stderr}`);
}

export async function bench(o: { work: string; runs?: number }): Promise<Section> {
  const runs = o.runs ?? 7;
  mkdirSync(o.work, { recursive: true });
  // The compiled CLI as `npm install` leaves it, and a small warehouse for status to read.
  const compiled = spawnSync(process.execPath, [join(ROOT, "bin", "compile.js")], { encoding: "utf8" });
  if (compiled.status !== 0) throw new Error(`bin/compile.js failed:\n${compiled.stderr}`);
  tahseel(o.work, "generate", "--out", "sample", "--employers", "20", "--months", "3", "--seed", "1", "--force");
  tahseel(o.work, "ingest", "--inbox", join("sample", "inbox"), "--db", "warehouse.duckdb");

  const node = (...args: string[]) => [process.execPath, ...args];
  const probes: Probe[] = [
    { label: "node -e 0 (the floor)", command: node("-e", "0"), code: 0 },
    { label: "tahseel --help", command: node(BIN, "--help"), code: 0 },
    { label: "tahseel run --help", command: node(BIN, "run", "--help"), code: 0 },
    {
      label: "tahseel status, to the start of its work (no warehouse there: exit 2)",
      command: node(BIN, "status", "--db", "none.duckdb"),
      code: 2,
    },
    {
      label: "tahseel status --json on a small warehouse (the whole command)",
      command: node(BIN, "status", "--json", "--db", "warehouse.duckdb"),
      code: 0,
    },
    {
      label: "tahseel --help through tsx (the compiled CLI stale)",
      command: node(BIN, "--help"),
      env: { TAHSEEL_NO_BUNDLE: "1" },
      code: 0,
    },
    { label: "npx tahseel --help (npm's start-up first)", command: ["npx", "--no-install", "tahseel", "--help"], code: 0 },
  ];
  const times = new Map(probes.map((p) => [p.label, { wall: [] as number[], cpu: [] as number[] }]));
  const loadBefore = loadavg()[0]!.toFixed(1);
  // Round by round, so that a burst of other work on the machine slows every probe alike.
  for (let round = 0; round < runs; round++)
    for (const p of probes) {
      const { wall, cpu } = timed(p, o.work);
      times.get(p.label)!.wall.push(wall);
      times.get(p.label)!.cpu.push(cpu);
    }
  const wall = (p: Probe) => median(times.get(p.label)!.wall);
  const cpu = (p: Probe) => median(times.get(p.label)!.cpu);
  const [floor, help, , start] = probes as [Probe, Probe, Probe, Probe];
  return {
    name: "startup",
    title: `Command start-up: median of ${runs} runs each, beside a bare Node start`,
    rows: probes.map((p) => [
      p.label,
      p === floor
        ? `${seconds(wall(p))} (CPU ${seconds(cpu(p))})`
        : `${seconds(wall(p))}, ${seconds(wall(p) - wall(floor))} over node -e 0 (CPU ${seconds(cpu(p))})`,
    ]),
    target: `tahseel --help and the start of a command's work < ${TARGET_SECONDS} s`,
    pass: wall(help) < TARGET_SECONDS * 1000 && wall(start) < TARGET_SECONDS * 1000,
    conditions:
      "Each probe is a new process started from a shell-less spawn in the bench's folder, timed to its exit (the target " +
      "is judged on that wall time; the CPU time of the process and its children shows what load on the machine added); the CLI runs " +
      "from dist/ as `npm install` compiles it (bin/compile.js). `npx` adds npm's own start-up, which no change to " +
      `the CLI removes (\`node bin/tahseel.js\` or an alias skips it). 1-minute load average ${loadBefore} before, ` +
      `${loadavg()[0]!.toFixed(1)} after.`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "7" }, work: { type: "string", default: join(import.meta.dirname, "work", "startup") } },
  });
  process.stdout.write(`${JSON.stringify(await bench({ work: values.work!, runs: Number(values.runs) }), null, 2)}\n`);
}
