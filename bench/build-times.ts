// Reading one engine build's per-model times, as the stages that time a mart beside the ledger in the
// same build (compliance, detectors, risk) all do.
import type { BuildSummary } from "../pipelines/engine/build.ts";

/** The ledger: staging of the money files, allocation intervals, dates, items, balance and ageing. */
export const LEDGER = /^(staging\.stg_(invoices|payments|adjustments|disputes)|core\.ledger_\w+|marts\.(employer_balance|arrears_ageing))$/;

/** The detectors (issue 17): their shared inputs (the core.detector_* tables and staff wage changes), every detector and the union. */
export const isDetector = (id: string): boolean =>
  id.startsWith("detectors.") || /^core\.(detector_\w+|staff_wage_changes)$/.test(id) || id === "marts.anomalies";

/** A bench measures a build that succeeded; any other is an error naming each model's failure. */
export function assertBuilt(summary: BuildSummary): void {
  if (summary.status !== "success")
    throw new Error(`build ${summary.status}: ${summary.models.map((m) => `${m.model}: ${m.error ?? m.status}`).join("; ")}`);
}

/**
 * Seconds the engine spent on the models `pick` chooses (build and tests), each model's time whole. The engine
 * builds two models side by side, so a second in which two ran is counted twice: a build's summed times come to
 * about twice its wall clock.
 */
export const secondsOf = (summary: BuildSummary, pick: (id: string) => boolean): number =>
  summary.models.filter((m) => pick(m.model)).reduce((s, m) => s + m.durationMs / 1000, 0);

export interface Span {
  model: string;
  startedMs: number;
  durationMs: number;
}

/**
 * The models' share of the build's wall clock, in seconds: each moment of the build is shared equally among
 * the models building in it, so the shares of all models add up to the time the build spent building them, and a
 * model that ran alone gets its whole time.
 */
export function wallSecondsOf(spans: readonly Span[], pick: (id: string) => boolean): number {
  const edges = [...new Set(spans.flatMap((s) => [s.startedMs, s.startedMs + s.durationMs]))].sort((a, b) => a - b);
  let ms = 0;
  for (let i = 0; i + 1 < edges.length; i++) {
    const [from, to] = [edges[i]!, edges[i + 1]!];
    const running = spans.filter((s) => s.startedMs <= from && s.startedMs + s.durationMs >= to);
    const picked = running.filter((s) => pick(s.model)).length;
    if (picked) ms += ((to - from) * picked) / running.length;
  }
  return ms / 1000;
}

/** A group of models' time both ways: its share of the build's wall clock, and its models' times summed. */
export interface GroupTime {
  seconds: number;
  summedSeconds: number;
}

/** Each group's time in one build, read both ways from the same spans. */
export function groupTimes(summary: BuildSummary): (pick: (id: string) => boolean) => GroupTime {
  const spans = spansOf(summary);
  return (pick) => ({ seconds: wallSecondsOf(spans, pick), summedSeconds: secondsOf(summary, pick) });
}

/** "share; summed", as the benches' rows give a group's time. */
export const showGroupTime = (t: GroupTime): string => `${t.seconds.toFixed(1)} s; ${t.summedSeconds.toFixed(1)} s`;

/** The spans of the models a build ran (fresh ones took no time). */
export const spansOf = (summary: BuildSummary): Span[] =>
  summary.models.flatMap((m) => (m.startedMs === undefined ? [] : [{ model: m.model, startedMs: m.startedMs, durationMs: m.durationMs }]));

/** How a bench that reads both says which one it judges by (its report's conditions). */
export const WALL_SHARE_NOTE =
  "The engine builds two models side by side, so the models' times summed count twice every second in which two ran (a " +
  "build's summed times come to about twice its wall clock); a group's time is therefore its share of the build's wall " +
  "clock, each moment shared equally among the models building in it, so that the shares of all the models add up to the " +
  "time the build spent building them. The summed times are given beside it; the target is judged on the share.";
