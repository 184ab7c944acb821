// Two rules about what a model may read that the graph applies before anything is built:
// `depends_on: [detectors.*]` stands for every model of that schema (so a model can union a
// whole folder, and an analyst adds a detector by adding a file), and the answer key of the
// generator's planted anomalies is off limits to every model (it exists only to score detectors).
import { UserError } from "../lib/errors.ts";
import type { Model, Reference } from "./model.ts";

/** Where the build keeps the answer key it scores detectors against; no model may read it. */
export const ANSWER_KEY_SCHEMA = "answer_key";

const WILDCARD = /^([a-z_][a-z0-9_]*)\.\*$/;

/** The model's depends_on with each `schema.*` replaced by the ids of that schema's models (itself excluded). */
export function expandDependsOn(m: Model, ids: ReadonlySet<string>): Reference[] {
  return (m.header.depends_on ?? []).flatMap((id, i) => {
    const at = { file: m.file, line: m.located.lineAt(["depends_on", i]) };
    const wild = WILDCARD.exec(id);
    if (!wild) return [{ id, ...at }];
    const members = [...ids].filter((other) => other.startsWith(`${wild[1]}.`) && other !== m.id).sort();
    return members.map((member) => ({ id: member, ...at }));
  });
}

/** Refuses a reference to the answer key, whichever way the model reaches it. */
export function refuseAnswerKey(schema: string, at: { file: string; line?: number }): void {
  if (schema === ANSWER_KEY_SCHEMA)
    throw new UserError(
      `${ANSWER_KEY_SCHEMA}.* holds the generator's answer key, which only scores the detectors; ` +
        "a model may not read it (remove the reference)",
      { at },
    );
}
