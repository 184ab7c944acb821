// The 50-employer × 12-month sample (the one committed in data/sample), generated into a temporary
// folder before a test file's tests and removed after them.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { generateDeliveries, type GenerateResult } from "../../pipelines/generate/index.ts";
import { readInbox, type ReadDelivery } from "../../pipelines/generate/inbox-reader.ts";

export const SAMPLE_OPTIONS = { employers: 50, months: 12, end: "2026-10", seed: "1" } as const;

export interface GeneratedSample {
  /** A temporary folder for the file's own generations too; removed after its tests. */
  root: string;
  /** Where the sample was generated (`root/a`). */
  out: string;
  /** Set once the file's beforeAll hooks have run. */
  result: GenerateResult;
  deliveries: ReadDelivery[];
}

export function useGeneratedSample(prefix: string): GeneratedSample {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const sample = { root, out: join(root, "a") } as GeneratedSample;
  beforeAll(async () => {
    sample.result = await generateDeliveries({ out: sample.out, ...SAMPLE_OPTIONS });
    sample.deliveries = readInbox(join(sample.out, "inbox"));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return sample;
}

/** sha256 of every file below `dir`, by relative path. */
export function fingerprint(dir: string): Map<string, string> {
  const prints = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else prints.set(relative(dir, path), createHash("sha256").update(readFileSync(path)).digest("hex"));
    }
  };
  walk(dir);
  return prints;
}
