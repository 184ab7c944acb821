// Reading the rules from JSON: every problem is reported with the file and the field it is in.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { UserError } from "../lib/errors.ts";
import { rulesSchema, type Rules } from "./schema.ts";
import { compileRules, type CompiledRules } from "./contribution.ts";

export const DEFAULT_RULES_FILE = fileURLToPath(new URL("../../config/rules.json", import.meta.url));

/** Validates already-parsed JSON; `file` names the source in error messages. */
export function parseRules(json: unknown, file: string): Rules {
  const result = rulesSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("")
      .replace(/^\./, "");
    return `${file}: ${field || "(top level)"}: ${issue.message}`;
  });
  throw new UserError(`invalid rules configuration:\n  ${problems.join("\n  ")}`);
}

export function loadRules(file: string = DEFAULT_RULES_FILE): Rules {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new UserError(`cannot read rules file ${file}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new UserError(`${file}: not valid JSON (${(cause as Error).message})`);
  }
  return parseRules(json, file);
}

let defaults: CompiledRules | undefined;

/** The rules of config/rules.json, validated and compiled once. */
export function defaultRules(): CompiledRules {
  defaults ??= compileRules(loadRules());
  return defaults;
}
