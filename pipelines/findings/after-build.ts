// The seam between a build and the register: once the models are built and tested, a build whose
// marts.anomalies is current (built now, or fresh) folds it into the register. A build that did not
// select the detectors, or whose detectors failed, leaves the register as it was: no finding is
// marked no longer seen because its detector did not run.
import type { RunContext } from "../lib/context.ts";
import type { Warehouse } from "../lib/duckdb.ts";
import { foldFindings, type FoldSummary } from "./fold.ts";
import { ANOMALIES_MODEL } from "./schema.ts";

export async function registerFindings(
  warehouse: Pick<Warehouse, "connection" | "path">,
  models: readonly { model: string; status: string }[],
  run: { runId: string },
  context: RunContext,
): Promise<FoldSummary | undefined> {
  const anomalies = models.find((m) => m.model === ANOMALIES_MODEL);
  if (!anomalies || (anomalies.status !== "built" && anomalies.status !== "fresh")) return undefined;
  return foldFindings(warehouse, { runId: run.runId }, context);
}
