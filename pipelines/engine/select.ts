// `--select` syntax: `model` (bare name or schema.name), a layer (`marts`), `+model` with everything
// it needs, `model+` with everything that needs it; several selectors are united.
import { UserError } from "../lib/errors.ts";
import type { Project } from "./graph.ts";
import { didYouMean } from "./located-yaml.ts";
import { LAYERS } from "./model.ts";

export function selectModels(project: Project, selectors: readonly string[] | undefined): Set<string> {
  if (!selectors || selectors.length === 0) return new Set(project.order);
  const chosen = new Set<string>();
  for (const raw of selectors.flatMap((s) => s.split(/[\s,]+/)).filter(Boolean)) {
    const upstream = raw.startsWith("+");
    const downstream = raw.endsWith("+") && raw.length > 1;
    const name = raw.slice(upstream ? 1 : 0, downstream ? -1 : undefined);
    for (const id of matchName(project, name, raw)) {
      chosen.add(id);
      if (upstream) closure(id, (m) => project.models.get(m)!.upstream, chosen);
      if (downstream) closure(id, (m) => project.downstream.get(m) ?? [], chosen);
    }
  }
  return chosen;
}

function matchName(project: Project, name: string, selector: string): string[] {
  if ((LAYERS as readonly string[]).includes(name)) return project.order.filter((id) => id.startsWith(`${name}.`));
  if (project.models.has(name)) return [name];
  const byName = project.order.filter((id) => id.split(".")[1] === name);
  if (byName.length === 1) return byName;
  if (byName.length > 1)
    throw new UserError(`--select ${selector}: "${name}" is ambiguous (${byName.join(", ")}); write it as schema.name`);
  const names = [...project.order, ...project.order.map((id) => id.split(".")[1]!)];
  throw new UserError(`--select ${selector}: no model "${name}"${didYouMean(name, names)}; \`tahseel docs\` lists the models`);
}

function closure(start: string, next: (id: string) => readonly string[], into: Set<string>): void {
  const seen = new Set<string>();
  const stack = [...next(start)];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    into.add(id);
    stack.push(...next(id));
  }
}
