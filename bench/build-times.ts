// Reading one engine build's per-model times, as the stages that time a mart beside the ledger in the
// same build (compliance, detectors, risk) all do.
import type { BuildSummary } from "../pipelines/engine/build.ts";

/** The ledger: staging of the money files, allocation intervals, dates, items, balance and ageing. */
export const LEDGER = /^(staging\.stg_(invoices|payments|adjustments|disputes)|core\.ledger_\w+|marts\.(employer_balance|arrears_ageing))$/;

/** A bench measures a build that succeeded; any other is an error naming each model's failure. */
export function assertBuilt(summary: BuildSummary): void {
  if (summary.status !== "success")
    throw new Error(`build ${summary.status}: ${summary.models.map((m) => `${m.model}: ${m.error ?? m.status}`).join("; ")}`);
}

/** Seconds the engine spent on the models `pick` chooses (build and tests). */
export const secondsOf = (summary: BuildSummary, pick: (id: string) => boolean): number =>
  summary.models.filter((m) => pick(m.model)).reduce((s, m) => s + m.durationMs / 1000, 0);
