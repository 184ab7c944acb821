// `tahseel status [--db FILE]`: last runs, loads, rejections, test failures and the freshness of each source.
// Runs come from audit.runs and from the runs journal beside the warehouse (runs not folded in yet); when
// the warehouse is held by another process, the journal's runs are still shown.
import { existsSync } from "node:fs";
import { DEFAULT_DB, stringOption, type Command } from "../command.ts";
import { openWarehouse, type Warehouse } from "../../lib/duckdb.ts";
import { EnvironmentError, UserError } from "../../lib/errors.ts";
import { readJournal, runsJournalPath } from "../../schedule/runs-journal.ts";
import { formatStatus, journalOnlyReport, readStatus, withJournal, type StatusReport } from "../../schedule/status.ts";

export const statusCommand: Command = {
  async run(options, _positionals, context) {
    const db = stringOption(options, "db", DEFAULT_DB);
    const limit = Number(stringOption(options, "limit", "10"));
    if (!Number.isInteger(limit) || limit < 1) throw new UserError("--limit must be a positive whole number");
    // The journal is read before the warehouse: a run folded in between is then found in one or the other.
    const journal = readJournal(db);
    const report = await readReport(db, limit, journal);
    if (!options.json) process.stdout.write(`${formatStatus(report, context.now())}\n`);
    return { result: report };
  },
};

async function readReport(db: string, limit: number, journal: ReturnType<typeof readJournal>): Promise<StatusReport> {
  if (!existsSync(db)) {
    if (journal.length === 0) throw new UserError(`no warehouse at ${db}; run tahseel ingest or tahseel run first, or pass --db FILE`);
    return journalOnlyReport(journal, limit, `no warehouse at ${db} yet; the runs below are from ${runsJournalPath(db)}`);
  }
  let warehouse: Warehouse;
  try {
    warehouse = await openWarehouse(db);
  } catch (error) {
    // Only a warehouse held by another process is expected here; anything else is reported as it is.
    if (!(error instanceof EnvironmentError) || !/locked/i.test(error.message)) throw error;
    return journalOnlyReport(
      journal,
      limit,
      `${error.message}; the runs below are from ${runsJournalPath(db)}, the rest needs the warehouse`,
    );
  }
  try {
    const report = await readStatus(warehouse.instance, limit);
    return { ...report, runs: withJournal(report.runs, journal, limit) };
  } finally {
    warehouse.close();
  }
}
