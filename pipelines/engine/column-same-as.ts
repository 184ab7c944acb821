// A column a model carries unchanged from another keeps that model's description: `same_as: core.risk_scores`
// in its header instead of a copy. Copies of the same column's text in three risk headers had drifted apart
// (one said "Of those decided, rejected", another "the ones rejected"). Resolved once every model is read,
// so each reader of the headers (docs, catalogue, column checks) sees the description itself.
import { UserError } from "../lib/errors.ts";
import type { Model } from "./model.ts";

type Doc = Model["header"]["columns"][string];

export function resolveSameAs(models: Model[]): void {
  const byId = new Map(models.map((m) => [m.id, m]));
  const resolve = (model: Model, column: string, seen: string[]): Exclude<Doc, { same_as: string }> => {
    const doc = model.header.columns[column]!;
    if (typeof doc === "string" || !("same_as" in doc)) return doc;
    const at = { file: model.file, line: model.located.lineAt(["columns", column, "same_as"]) };
    const source = byId.get(doc.same_as);
    if (!source) throw new UserError(`column ${column}: same_as names no model ${doc.same_as}; name one as layer.name`, { at });
    if (!(column in source.header.columns))
      throw new UserError(`column ${column}: ${doc.same_as} documents no column ${column}; describe it here instead`, { at });
    const key = `${source.id}.${column}`;
    if (seen.includes(key))
      throw new UserError(`column ${column}: same_as goes round in a circle (${seen.join(" → ")}); describe it in one of them`, { at });
    return resolve(source, column, [...seen, key]);
  };
  for (const model of models)
    for (const column of Object.keys(model.header.columns))
      model.header.columns[column] = resolve(model, column, [`${model.id}.${column}`]);
}
