// Where the compiled CLI lives and whether it still matches the source: dist/cli/ holds the bundle and
// inputs.json, the size and modification time of every source file compiled into it.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export const BUNDLE_DIR = join("dist", "cli");
export const INPUTS_FILE = "inputs.json";

/** The bundle's entry file when every source file in it is as it was compiled; otherwise undefined. */
export function freshBundle(root) {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(root, BUNDLE_DIR, INPUTS_FILE), "utf8"));
  } catch {
    return undefined;
  }
  for (const [file, { size, mtimeMs }] of Object.entries(inputs.files)) {
    let now;
    try {
      now = statSync(join(root, file));
    } catch {
      return undefined;
    }
    if (now.size !== size || now.mtimeMs !== mtimeMs) return undefined;
  }
  return join(root, BUNDLE_DIR, inputs.entry);
}
