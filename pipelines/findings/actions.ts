// What the auditors change: a disposition of one finding, or a file of them (all or nothing). Each is
// checked whole before anything is written, then applied in one transaction and written to the journal.
import { readFileSync } from "node:fs";
import type { RunContext } from "../lib/context.ts";
import { inTransaction, type Warehouse } from "../lib/duckdb.ts";
import { UserError } from "../lib/errors.ts";
import { type Disposition, parseDispositions } from "./dispositions-csv.ts";
import { applyDispositions, recordedDispositions, unknownFinding, unknownFindings } from "./dispositions.ts";
import { syncJournal, writeDispositionsFile } from "./journal.ts";
import { ensureFindingTables, isStatus, STATUSES } from "./schema.ts";

type Place = Pick<Warehouse, "connection" | "path">;

export async function dispose(
  warehouse: Place,
  request: { id: string; status: string; by: string | undefined; note: string | undefined },
  context: RunContext,
): Promise<Disposition & { applied: boolean }> {
  const { connection } = warehouse;
  await ensureFindingTables(connection);
  if (!isStatus(request.status)) throw new UserError(`--status ${request.status} is not a status; use one of ${STATUSES.join(", ")}`);
  if (!request.by?.trim()) throw new UserError("--by is required: name who decided, e.g. --by a.alharbi");
  if ((await unknownFindings(connection, [request.id])).size) throw unknownFinding(request.id, warehouse.path);
  const disposition: Disposition = {
    anomaly_id: request.id,
    status: request.status,
    by: request.by.trim(),
    at: context.now().toISOString(),
    note: request.note?.trim() ? request.note : null,
  };
  const applied = await inTransaction(connection, () => applyDispositions(connection, [disposition], "dispose", context.now()));
  await syncJournal(connection, warehouse.path, context);
  return { ...disposition, applied: applied.length > 0 };
}

/** Applies a dispositions file whole or not at all; every line is checked (status, timestamp, a known id) first. */
export async function importDispositions(
  warehouse: Place,
  file: string,
  context: RunContext,
): Promise<{ file: string; rows: number; applied: number }> {
  const { connection } = warehouse;
  await ensureFindingTables(connection);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new UserError(`cannot read the dispositions file ${file}; check the path`, { cause });
  }
  const list = parseDispositions(text, file);
  const unknown = await unknownFindings(
    connection,
    list.map((d) => d.anomaly_id),
  );
  const bad = list.filter((d) => unknown.has(d.anomaly_id));
  if (bad.length)
    throw new UserError(
      `${bad.length} line(s) name findings ${warehouse.path} does not hold; nothing was applied:\n  ` +
        bad
          .slice(0, 20)
          .map((d) => `${file} line ${d.line}, column 1 (anomaly_id): no finding ${d.anomaly_id}; correct the id or drop the line`)
          .join("\n  "),
    );
  const applied = await inTransaction(connection, () => applyDispositions(connection, list, "import", context.now()));
  await syncJournal(connection, warehouse.path, context);
  return { file, rows: list.length, applied: applied.length };
}

/** Every disposition recorded, oldest first, as a dispositions file. */
export async function exportDispositions(warehouse: Place, file: string): Promise<{ file: string; rows: number }> {
  await ensureFindingTables(warehouse.connection);
  const list = (await recordedDispositions(warehouse.connection)).map(({ anomaly_id, status, by, at, note }) => ({
    anomaly_id,
    status,
    by,
    at,
    note,
  }));
  try {
    writeDispositionsFile(file, list);
  } catch (cause) {
    throw new UserError(`cannot write ${file}: ${(cause as NodeJS.ErrnoException).code ?? cause}; choose a writable path`, { cause });
  }
  return { file, rows: list.length };
}
