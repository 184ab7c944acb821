// Decides, before anything runs, which selected models must be built and why: a model is fresh when
// its table exists and its stored fingerprint equals the one computed now.
import type { Project } from "./graph.ts";
import { codeFingerprint, fullFingerprint } from "./fingerprint.ts";
import type { ResolvedModel } from "./model.ts";
import { resolveParams, type BoundParam, type ParamValues } from "./params.ts";
import type { ModelState, ObjectKind } from "./state.ts";

export interface PlannedModel {
  model: ResolvedModel;
  params: BoundParam[];
  codeFingerprint: string;
  fingerprint: string;
  action: "build" | "fresh";
  reason: string;
  existing?: ObjectKind;
  /** Code differs from what built the current table: incremental models rebuild every period. */
  codeChanged: boolean;
  /** Something read changed since the last build (incremental: rebuild the latest `lookback` periods). */
  inputsChanged: boolean;
  /** Periods asked for with --period (incremental models only). */
  requestedPeriods: string[];
}

export interface PlanInputs {
  selected: ReadonlySet<string>;
  state: ReadonlyMap<string, ModelState>;
  existing: ReadonlyMap<string, ObjectKind>;
  sourceVersions: Readonly<Record<string, string>>;
  runParams: ParamValues;
  period?: string;
}

export function planBuild(project: Project, inputs: PlanInputs): PlannedModel[] {
  // The version each model presents to the models after it: what its table was built from, unless
  // it is built in this run (then what it will be built from). Views are live, so always the latter.
  const versions: Record<string, string> = { ...inputs.sourceVersions };
  const plans: PlannedModel[] = [];
  for (const id of project.order) {
    const model = project.models.get(id)!;
    const selected = inputs.selected.has(id);
    const stored = inputs.state.get(id);
    if (!selected && model.header.materialized !== "view") {
      versions[id] = stored?.fingerprint ?? "unbuilt";
      continue;
    }
    let params: BoundParam[];
    try {
      params = resolveParams(model, inputs.runParams);
    } catch (error) {
      if (selected) throw error;
      versions[id] = "unknown";
      continue;
    }
    const code = codeFingerprint(model, params);
    const fingerprint = fullFingerprint(model, code, params, versions);
    versions[id] = fingerprint;
    if (!selected) continue;
    const existing = inputs.existing.get(id);
    const requestedPeriods = inputs.period && model.header.materialized === "incremental" ? [inputs.period] : [];
    const reason = !existing
      ? "not built yet"
      : !stored
        ? "no build record"
        : stored.code_fingerprint !== code
          ? "code or parameters changed"
          : stored.fingerprint !== fingerprint
            ? "inputs changed"
            : requestedPeriods.length
              ? `period ${inputs.period} requested`
              : "";
    plans.push({
      model,
      params,
      codeFingerprint: code,
      fingerprint,
      action: reason ? "build" : "fresh",
      reason: reason || "up to date",
      existing,
      codeChanged: !stored || stored.code_fingerprint !== code,
      inputsChanged: !stored || stored.fingerprint !== fingerprint,
      requestedPeriods,
    });
  }
  return plans;
}
