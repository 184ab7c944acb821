// A delivered file's scan as the load sees it: asked of the scanner ahead of the file's turn, and awaited
// when DuckDB gets to the file. The scan itself, and what it proves, are the fast path's (fast-path/).
import { join } from "node:path";
import type { ManifestFile } from "../contracts/manifest.ts";
import { unreadable } from "../lib/errors.ts";
import { CsvStructure } from "./csv-structure.ts";
import type { Delivery } from "./deliveries.ts";
import type { FileScan } from "./fast-path/read-file.ts";
import type { ScanRequest, Scanner } from "./fast-path/scanner.ts";
import { Rejection } from "./rejection.ts";

/** A file's scan as the loading side sees it: its keys stay with the scanner. */
export type ScannedFile = Omit<FileScan, "keys">;

export interface PendingScan {
  /** What the scanner knows the file by. */
  id: number;
  /** The numbered copy (see numbered-copy.ts), removed once the file is done. */
  workPath: string;
  /** The scan, or null when the file is missing. */
  result: Promise<ScannedFile | null>;
}

/** What the scanner reads for a delivered file: where it is, what it holds, where its numbered copy goes. */
export function scanRequest(delivery: Pick<Delivery, "id" | "folder">, file: ManifestFile, workPath: string): ScanRequest {
  return {
    key: `${delivery.id}/${file.name}`,
    path: join(delivery.folder, file.name),
    encoding: file.encoding,
    workPath,
    entity: file.entity,
    expectedRows: file.rows,
  };
}

/** The scan of a delivered file (sha256, structure, line facts, its numbered copy at `workPath`), begun ahead if planned. */
export function startScan(scanner: Scanner, delivery: Delivery, file: ManifestFile, workPath: string): PendingScan {
  const { id, reply } = scanner.scan(scanRequest(delivery, file, workPath));
  const result = reply.then((r) => {
    if ("scan" in r) return r.scan && { ...r.scan, structure: CsvStructure.from(r.scan.structure) };
    // The delivered file unreadable (a folder, no permission) rejects the file; other failures (the work
    // folder's disk full) stop the run.
    const { message, code, path } = r.error;
    if (!code || path === workPath) throw Object.assign(new Error(message), { code, path });
    throw new Rejection(unreadable({ code }));
  });
  result.catch(() => undefined); // awaited (and its error raised) by loadFile; not unhandled meanwhile
  return { id, workPath, result };
}
