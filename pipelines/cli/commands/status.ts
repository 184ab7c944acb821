// `tahseel status [--db FILE]`: last runs, loads, rejections, test failures and the freshness of each source.
import { existsSync } from "node:fs";
import { DEFAULT_DB, stringOption, type Command } from "../command.ts";
import { openWarehouse } from "../../lib/duckdb.ts";
import { UserError } from "../../lib/errors.ts";
import { formatStatus, readStatus } from "../../schedule/status.ts";

export const statusCommand: Command = {
  async run(options, _positionals, context) {
    const db = stringOption(options, "db", DEFAULT_DB);
    if (!existsSync(db)) throw new UserError(`no warehouse at ${db}; run tahseel ingest or tahseel run first, or pass --db FILE`);
    const limit = Number(stringOption(options, "limit", "10"));
    if (!Number.isInteger(limit) || limit < 1) throw new UserError("--limit must be a positive whole number");
    const warehouse = await openWarehouse(db);
    try {
      const report = await readStatus(warehouse.instance, limit);
      if (!options.json) process.stdout.write(`${formatStatus(report, context.now())}\n`);
      return { result: report };
    } finally {
      warehouse.close();
    }
  },
};
