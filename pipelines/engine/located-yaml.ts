// YAML (and JSON, which is YAML) read with the line of every node kept, so a bad value in a model
// header or a config file is reported at its own line, not at the top of the file.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLError } from "yaml";
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
  /** File column (1-based) of the text's first character, when the text starts inside a line (after `/*`). */
  firstColumn?: number;
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
    const at = counter.linePos(errorOffset(text, first));
    const column = at.line === 1 ? at.col + (place.firstColumn ?? 1) - 1 : at.col;
    const what = first.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? first.message;
    throw new UserError(`not valid YAML: ${what}; ${yamlFix(first.code)}`, {
      at: { file: place.file, line: firstLine - 1 + at.line, column },
      cause: first,
    });
  }
  const lineOfOffset = (offset: number) => firstLine - 1 + counter.linePos(offset).line;
  return {
    value: doc.toJS(),
    lineAt: (path) => lineOfOffset(offsetOf(doc, path)),
  };
}

/**
 * Where the mistake is, not where the parser noticed it: an unclosed `[`, `{` or quote is reported
 * where it was opened (the parser only notices at the next key, or at the end of the text).
 */
function errorOffset(text: string, error: YAMLError): number {
  const noticed = error.pos[0];
  const bracket = /end with a ([\]}])/.exec(error.message)?.[1];
  if (error.code === "BAD_INDENT" && bracket) return unclosedOpener(text, noticed, bracket === "]" ? "[" : "{") ?? noticed;
  const quote = /Missing closing (["'])quote/.exec(error.message)?.[1];
  if (error.code === "MISSING_CHAR" && quote) {
    const opened = text.lastIndexOf(quote, noticed - 1);
    return opened >= 0 ? opened : noticed;
  }
  return noticed;
}

/** The last `opener` before `end` that no closer matches (quoted text skipped). */
function unclosedOpener(text: string, end: number, opener: "[" | "{"): number | undefined {
  const open: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < end; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      const lineEnd = text.indexOf("\n", i);
      i = lineEnd < 0 ? end : lineEnd;
    } else if (c === "[" || c === "{") open.push(i);
    else if (c === "]" || c === "}") open.pop();
  }
  for (let k = open.length - 1; k >= 0; k--) if (text[open[k]!] === opener) return open[k];
  return undefined;
}

function yamlFix(code: YAMLError["code"]): string {
  if (code === "TAB_AS_INDENT") return "indent with spaces, not tabs";
  if (code === "BAD_INDENT") return "close the bracket on the same line, or indent what follows it";
  if (code === "MISSING_CHAR") return "close the quote";
  if (code === "DUPLICATE_KEY") return "each key may appear once; remove or rename one of them";
  return "fix the indentation or quoting here";
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
