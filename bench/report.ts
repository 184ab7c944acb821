// bench/report.md: one section per measured target, figures beside the baseline of the same run.
// Each stage's result is kept in bench/results/<name>.json with the conditions of its own run, so
// `npm run bench -- --only ledger` refreshes that section and leaves the others as they were measured.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";

export interface Section {
  name: string;
  title: string;
  rows: [string, string][];
  target: string;
  pass: boolean;
  /** What the reader must know about this run (scale, what else ran, deviations from the issue). */
  conditions?: string;
}

interface StoredSection extends Section {
  at: string;
  machine: string;
  load: string;
  command: string;
}

const ORDER = ["generate", "ingest", "engine", "ledger", "compliance", "detectors", "dashboards", "startup"];

export function saveSections(dir: string, sections: Section[], at: Date, command: string): void {
  mkdirSync(dir, { recursive: true });
  const machine = `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
  for (const s of sections) {
    const stored: StoredSection = { ...s, at: at.toISOString(), machine, load, command };
    writeFileSync(join(dir, `${s.name}.json`), `${JSON.stringify(stored, null, 2)}\n`);
  }
}

export function renderReport(dir: string): string {
  const stored = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as StoredSection)
    : [];
  stored.sort((a, b) => rank(a.name) - rank(b.name));
  const lines = [
    "# Benchmark report",
    "",
    "Every figure is measured beside its baseline in the same run; each section says when and how it ran",
    "(`npm run bench` runs them all, `--only NAME` one). Other work on the machine slows both sides of a",
    "ratio, not always equally: the load average is given with each section.",
    "",
    "| target | met | measured |",
    "| --- | --- | --- |",
    ...stored.map((s) => `| ${s.name}: ${s.target} | ${s.pass ? "yes" : "**no**"} | ${s.at.slice(0, 16).replace("T", " ")} UTC |`),
    "",
  ];
  for (const s of stored) {
    lines.push(`## ${s.title}`, "", `Run ${s.at} on ${s.machine}; \`${s.command}\`; load average ${s.load} (1 / 5 / 15 min).`, "");
    if (s.conditions) lines.push(s.conditions, "");
    lines.push(
      "| measure | value |",
      "| --- | --- |",
      ...s.rows.map(([k, v]) => `| ${k} | ${v} |`),
      "",
      `Target: ${s.target} — ${s.pass ? "met" : "not met"}.`,
      "",
    );
  }
  return lines.join("\n");
}

const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
