// The dispositions journal: a dispositions file beside the warehouse (data/warehouse.duckdb →
// data/warehouse.dispositions.csv) that every disposition is written to. The warehouse file can be
// deleted and rebuilt from the inbox; the journal is not, and the next build replays it into the new
// register (docs/decisions.md, "Where dispositions live"). Each sync makes the two hold the same dispositions.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Logger } from "../lib/context.ts";
import { inTransaction } from "../lib/duckdb.ts";
import { describeError } from "../lib/errors.ts";
import { type Disposition, dispositionKey, formatDispositions, parseDispositions } from "./dispositions-csv.ts";
import { applyDispositions, recordedDispositions, unknownFindings } from "./dispositions.ts";

export function journalPath(db: string): string | null {
  return db === ":memory:" ? null : `${db.replace(/\.duckdb$/, "")}.dispositions.csv`;
}

export function writeDispositionsFile(file: string, list: readonly Disposition[]): void {
  // Written whole under a temporary name then renamed: a crash never leaves half a file.
  writeFileSync(`${file}.tmp`, formatDispositions(list));
  renameSync(`${file}.tmp`, file);
}

/**
 * Replays the journal's dispositions the register lacks (for findings it holds; the others wait for
 * the build that finds them), then rewrites the journal with every disposition either side holds.
 * An unreadable journal is reported and left untouched: it may be the only copy of the decisions.
 */
export async function syncJournal(
  connection: DuckDBConnection,
  db: string,
  context: { logger: Logger; now: () => Date },
): Promise<{ replayed: number }> {
  const file = journalPath(db);
  if (!file) return { replayed: 0 };
  let journal: Disposition[] = [];
  if (existsSync(file)) {
    try {
      journal = parseDispositions(readFileSync(file, "utf8"), file);
    } catch (error) {
      context.logger.error(`dispositions journal not replayed, and left as it is: ${describeError(error)}`);
      return { replayed: 0 };
    }
  }
  const waiting = await unknownFindings(
    connection,
    journal.map((d) => d.anomaly_id),
  );
  const replayed = await inTransaction(connection, () =>
    applyDispositions(
      connection,
      journal.filter((d) => !waiting.has(d.anomaly_id)),
      "journal",
      context.now(),
    ),
  );
  const recorded = await recordedDispositions(connection);
  const keys = new Set(journal.map(dispositionKey));
  const missing = recorded.filter((d) => !keys.has(dispositionKey(d)));
  if (missing.length) {
    const all = [...journal, ...missing.map(({ anomaly_id, status, by, at, note }) => ({ anomaly_id, status, by, at, note }))];
    writeDispositionsFile(
      file,
      all.sort((a, b) => a.at.localeCompare(b.at)),
    );
  }
  if (replayed.length) context.logger.info(`${replayed.length} disposition(s) replayed from ${file}`);
  return { replayed: replayed.length };
}
