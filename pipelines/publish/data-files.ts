// Writing the site's data files: compact JSON, each one recorded with its size so the manifest can
// say what a page loads and the bench can report the largest.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { PageDataFile, PageDataFiles } from "./page-data/index.ts";

export interface WrittenFile {
  path: string;
  bytes: number;
}

export class DataFiles {
  readonly written: WrittenFile[] = [];
  constructor(readonly root: string) {}

  /** A data file a page reads, in the one type the page reads it as. */
  page<K extends PageDataFile>(name: K, value: PageDataFiles[K]): WrittenFile {
    return this.write(name, value);
  }

  write(path: string, value: unknown): WrittenFile {
    return this.writeJson(path, JSON.stringify(value));
  }

  /** JSON text made elsewhere (e.g. by DuckDB's to_json). */
  writeJson(path: string, text: string): WrittenFile {
    const file = join(this.root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    const entry = { path, bytes: Buffer.byteLength(text) };
    this.written.push(entry);
    return entry;
  }

  largest(): WrittenFile | undefined {
    return this.written.reduce<WrittenFile | undefined>((a, b) => (!a || b.bytes > a.bytes ? b : a), undefined);
  }
}
