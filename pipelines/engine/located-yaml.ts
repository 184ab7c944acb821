// YAML (and JSON, which is YAML) read with the line of every node kept, so a bad value in a model
// header or a config file is reported at its own line, not at the top of the file.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import { UserError } from "../lib/errors.ts";

export interface LocatedYaml {
  value: unknown;
  /** The file line of the node at `path` (its key when it sits in a map), or of the nearest parent that exists. */
  lineAt(path: readonly PropertyKey[]): number;
}

export interface YamlPlace {
  /** File name shown in messages. */
  file: string;
  /** File line of the text's first line (a header's YAML starts inside a comment further down). */
  firstLine?: number;
}

/** JSON's own parser first, for JSON files: its messages fit JSON mistakes (a missing comma) better than YAML's. */
export function checkJsonSyntax(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split("\n").length : undefined;
    throw new UserError(`not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}`, {
      at: { file, line },
      cause,
    });
  }
}

export function parseLocatedYaml(text: string, place: YamlPlace): LocatedYaml {
  const firstLine = place.firstLine ?? 1;
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = firstLine - 1 + (first.linePos?.[0].line ?? 1);
    const what = first.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? first.message;
    throw new UserError(`not valid YAML: ${what}; fix the indentation or quoting on this line`, {
      at: { file: place.file, line },
    });
  }
  const lineOfOffset = (offset: number) => firstLine - 1 + counter.linePos(offset).line;
  return {
    value: doc.toJS(),
    lineAt: (path) => lineOfOffset(offsetOf(doc, path)),
  };
}

function offsetOf(doc: Document, path: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let best = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      best = (pair.key as Node).range?.[0] ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof step === "number") {
      const item = node.items[step] as Node | undefined;
      if (!item) break;
      best = item.range?.[0] ?? best;
      node = item;
    } else break;
  }
  return best;
}

/** Validates with zod; the first problem becomes a UserError at its own line, with the field path and what is wanted. */
export function parseWith<S extends z.ZodType>(schema: S, located: LocatedYaml, place: YamlPlace, hint = ""): z.infer<S> {
  const result = schema.safeParse(located.value);
  if (result.success) return result.data;
  // An unknown key (a misspelling) explains the "missing" error that usually comes with it: report it first.
  const issues = result.error.issues;
  const issue = issues.find((i) => i.code === "unrecognized_keys") ?? issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  // An unknown key is reported at its own line, not at the map holding it.
  if (issue.code === "unrecognized_keys") path.push(issue.keys[0]!);
  const field = path.length ? path.join(".") : "(top level)";
  throw new UserError(`${field}: ${issueMessage(issue)}${hint}`, {
    at: { file: place.file, line: located.lineAt(path) },
    cause: result.error,
  });
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `unknown key; remove it or check its spelling`;
  return issue.message;
}

/** The closest of `known` to `word` by edit distance, for "did you mean" hints. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(word.length / 3)) + 1;
  for (const candidate of known) {
    const d = editDistance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

export const didYouMean = (word: string, known: readonly string[]) => {
  const c = closest(word, known);
  return c ? ` (did you mean "${c}"?)` : "";
};
