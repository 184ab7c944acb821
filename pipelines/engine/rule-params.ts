// The rules' settings (config/rules.json) as parameters models can read by name: every scalar setting
// becomes one, named by its path, e.g. arrears.tolerance → getvariable('arrears_tolerance') and
// objections.sla_days → getvariable('objections_sla_days'). Tables of settings (the rate table, the
// bucket edges) are not scalars; models that need them read them as tables.
import { loadRules, type Rules } from "../rules/index.ts";
import type { ParamValues } from "./params.ts";

export function ruleParams(rules: Rules): ParamValues {
  const out: ParamValues = {};
  const visit = (value: unknown, path: string[]) => {
    if (Array.isArray(value) || value === undefined || value === null) return;
    if (typeof value === "object") for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
    else if (path[0] !== "description") out[path.join("_")] = String(value);
  };
  visit(rules, []);
  return out;
}

export function ruleParamsFromFile(file?: string): ParamValues {
  return ruleParams(loadRules(file));
}
