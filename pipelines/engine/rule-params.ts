// The rules' settings (config/rules.json) as parameters models can read by name: every scalar setting
// becomes one, named by its path, e.g. arrears.tolerance → getvariable('arrears_tolerance') and
// objections.sla_days → getvariable('objections_sla_days'). Tables of settings (the rate table, the
// bucket edges) become JSON text under their path (contributions.rates → contributions_rates), which a
// model declares as varchar and unpacks with from_json; `rules_json` is the whole validated file. Being
// parameter values, they are in every reading model's fingerprint: editing config/rules.json rebuilds
// exactly the models that read what changed.
import { loadRules, type Rules } from "../rules/index.ts";
import type { ParamValues } from "./params.ts";

export function ruleParams(rules: Rules): ParamValues {
  const out: ParamValues = {};
  const visit = (value: unknown, path: string[]) => {
    if (value === undefined || value === null || path[0] === "description") return;
    if (Array.isArray(value)) out[path.join("_")] = JSON.stringify(value);
    else if (typeof value === "object") for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
    else out[path.join("_")] = String(value);
  };
  visit(rules, []);
  out.rules_json = JSON.stringify(rules);
  return out;
}

export function ruleParamsFromFile(file?: string): ParamValues {
  return ruleParams(loadRules(file));
}
