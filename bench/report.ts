// bench/report.md: one section per measured target, figures beside the baseline of the same run.
import { cpus, loadavg, totalmem } from "node:os";

export interface Section {
  name: string;
  title: string;
  rows: [string, string][];
  target: string;
  pass: boolean;
}

export function renderReport(sections: Section[], at: Date): string {
  const lines = [
    "# Benchmark report",
    "",
    `Run ${at.toISOString()} on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
    "Every figure is measured in this run, beside its baseline; rerun with `npm run bench`.",
    `Load average when the report was written: ${loadavg().map((l) => l.toFixed(1)).join(" / ")} (1 / 5 / 15 min); other work on the machine slows both sides of a ratio, not always equally.`,
    "",
    "| target | met |",
    "| --- | --- |",
    ...sections.map((s) => `| ${s.name}: ${s.target} | ${s.pass ? "yes" : "**no**"} |`),
    "",
  ];
  for (const s of sections) {
    lines.push(`## ${s.title}`, "", "| measure | value |", "| --- | --- |", ...s.rows.map(([k, v]) => `| ${k} | ${v} |`), "", `Target: ${s.target} — ${s.pass ? "met" : "not met"}.`, "");
  }
  return lines.join("\n");
}
