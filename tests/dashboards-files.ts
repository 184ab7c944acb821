// Small file helpers of the dashboards tests: every file under a folder, and text made safe for a RegExp.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export function walk(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((e) => {
    const p = join(root, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
