// `tahseel ingest --inbox DIR [--db FILE]`: loads every new delivery in the inbox.
import { existsSync } from "node:fs";
import { DEFAULT_DB, stringOption, type Command } from "../command.ts";
import { ingestInbox } from "../../ingest/index.ts";
import { UserError } from "../../lib/errors.ts";

export const ingestCommand: Command = {
  name: "ingest",
  summary: "load every new delivery in an inbox into the warehouse",
  usage: "tahseel ingest --inbox DIR [--db FILE] [--memory-limit 4GB] [--json]",
  options: {
    inbox: { type: "string" },
    db: { type: "string" },
    "memory-limit": { type: "string" },
    threads: { type: "string" },
  },
  async run(options, _positionals, context) {
    const inbox = stringOption(options, "inbox");
    if (!inbox) throw new UserError("--inbox DIR is required");
    if (!existsSync(inbox)) throw new UserError(`inbox ${inbox} does not exist`);
    const threads = stringOption(options, "threads");
    const summary = await ingestInbox(
      {
        inbox,
        db: stringOption(options, "db", DEFAULT_DB),
        memoryLimit: stringOption(options, "memory-limit"),
        threads: threads ? Number(threads) : undefined,
      },
      context,
    );
    const rejected = summary.files.filter((f) => f.status === "rejected").length;
    const totals = summary.files.reduce(
      (t, f) => ({
        rows: t.rows + f.rows,
        loaded: t.loaded + f.loaded,
        skipped: t.skipped + f.skipped,
        quarantined: t.quarantined + f.quarantined,
      }),
      { rows: 0, loaded: 0, skipped: 0, quarantined: 0 },
    );
    context.logger.info(
      `ingest: ${summary.deliveries.filter((d) => d.status === "applied").length} deliveries applied, ${summary.files.length} files ` +
        `(${rejected} rejected); rows ${totals.rows} = ${totals.loaded} loaded + ${totals.skipped} skipped + ${totals.quarantined} ` +
        `quarantined`,
    );
    return { result: summary };
  },
};
