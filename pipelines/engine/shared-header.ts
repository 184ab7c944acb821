// What every model in a folder has in common, written once: `_shared.yml` beside the models holds
// `columns:` and `tests:` that each model of that folder takes as if its own header said them. The
// detectors all write the same finding columns for marts.anomalies; twenty-three copies of their
// descriptions drifted apart as soon as one was edited. A model's own header may add columns and
// tests, and a column it documents itself wins over the shared description.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { ColumnDoc, type ModelHeader } from "./header.ts";
import { parseLocatedYaml, parseWith } from "./located-yaml.ts";
import { parseTests, type TestSpec } from "./test-spec.ts";

export const SHARED_FILE = "_shared.yml";

const SharedSchema = z.strictObject({
  /** Why these models share what they share; for the reader of the folder. */
  description: z.string().optional(),
  columns: z.record(z.string(), ColumnDoc).default({}),
  tests: z.array(z.unknown()).default([]),
});

export interface SharedHeader {
  columns: ModelHeader["columns"];
  tests: TestSpec[];
}

const NOTHING: SharedHeader = { columns: {}, tests: [] };

/** Reads each folder's `_shared.yml` once; `file` is the path shown in messages. */
export function sharedHeaders(display: (path: string) => string): (dir: string) => SharedHeader {
  const cache = new Map<string, SharedHeader>();
  return (dir) => {
    let shared = cache.get(dir);
    if (!shared) {
      shared = readShared(join(dir, SHARED_FILE), display);
      cache.set(dir, shared);
    }
    return shared;
  };
}

function readShared(path: string, display: (path: string) => string): SharedHeader {
  if (!existsSync(path)) return NOTHING;
  const file = display(path);
  const place = { file, firstLine: 1 };
  const located = parseLocatedYaml(readFileSync(path, "utf8"), place);
  const value = parseWith(SharedSchema, located, place);
  return { columns: value.columns, tests: parseTests(value.tests, located, file) };
}

/** The header as the model's folder completes it: shared columns first, the model's own after (and over them). */
export function withShared(header: ModelHeader, tests: TestSpec[], shared: SharedHeader): { header: ModelHeader; tests: TestSpec[] } {
  if (shared === NOTHING) return { header, tests };
  const own = new Set(tests.map((t) => t.name));
  return {
    header: { ...header, columns: { ...shared.columns, ...header.columns } },
    tests: [...shared.tests.filter((t) => !own.has(t.name)), ...tests],
  };
}
