// `tahseel findings list|show|dispose|export|import`: the auditors' register of findings and their dispositions.
import { existsSync } from "node:fs";
import { DEFAULT_DB, stringOption, type Command, type ParsedOptions } from "../command.ts";
import { openWarehouse, type Warehouse } from "../../lib/duckdb.ts";
import type { RunContext } from "../../lib/context.ts";
import { UserError } from "../../lib/errors.ts";
import { dispose, exportDispositions, importDispositions } from "../../findings/actions.ts";
import { unknownFinding } from "../../findings/dispositions.ts";
import { listFindings, showFinding } from "../../findings/query.ts";
import { ensureFindingTables, isStatus, STATUSES } from "../../findings/schema.ts";
import { formatDetail, formatList } from "../../findings/text.ts";
import { FINDINGS_USAGE } from "./usages.ts";

type Action = (w: Warehouse, arg: string | undefined, options: ParsedOptions, context: RunContext) => Promise<unknown>;

const print = (options: ParsedOptions, text: string) => void (options.json ? undefined : process.stdout.write(`${text}\n`));

const need = (arg: string | undefined, what: string, sub: string): string => {
  if (!arg) throw new UserError(`tahseel findings ${sub} needs ${what}\nusage: ${FINDINGS_USAGE}`);
  return arg;
};

const ACTIONS: Record<string, Action> = {
  async list(w, _arg, options) {
    const status = stringOption(options, "status");
    if (status !== undefined && !isStatus(status))
      throw new UserError(`--status ${status} is not a status; use one of ${STATUSES.join(", ")}`);
    const rows = await listFindings(w.connection, {
      rule: stringOption(options, "rule"),
      status,
      employer: stringOption(options, "employer"),
    });
    print(options, formatList(rows));
    return rows;
  },
  async show(w, arg, options) {
    const id = need(arg, "a finding's id", "show");
    const detail = await showFinding(w.connection, id);
    if (!detail) throw unknownFinding(id, w.path);
    print(options, formatDetail(detail));
    return detail;
  },
  async dispose(w, arg, options, context) {
    const id = need(arg, "a finding's id", "dispose");
    const status = stringOption(options, "status");
    if (status === undefined) throw new UserError(`--status is required: one of ${STATUSES.join(", ")}`);
    const result = await dispose(w, { id, status, by: stringOption(options, "by"), note: stringOption(options, "note") }, context);
    print(options, result.applied ? `${id}: ${status} (by ${result.by} at ${result.at})` : `${id}: already recorded`);
    return result;
  },
  async export(w, arg, options) {
    const result = await exportDispositions(w, need(arg, "the file to write", "export"));
    print(options, `${result.rows} disposition(s) written to ${result.file}`);
    return result;
  },
  async import(w, arg, options, context) {
    const result = await importDispositions(w, need(arg, "the dispositions file to read", "import"), context);
    print(options, `${result.applied} of ${result.rows} disposition(s) applied from ${result.file} (the rest were recorded already)`);
    return result;
  },
};

export const findingsCommand: Command = {
  async run(options, positionals, context) {
    const [sub, arg, extra] = positionals;
    const action = sub === undefined ? undefined : ACTIONS[sub];
    if (!action)
      throw new UserError(
        `${sub ? `unknown findings action "${sub}"; ` : ""}use list, show, dispose, export or import\nusage: ${FINDINGS_USAGE}`,
      );
    if (extra !== undefined) throw new UserError(`unexpected argument ${extra}\nusage: ${FINDINGS_USAGE}`);
    const db = stringOption(options, "db", DEFAULT_DB);
    if (!existsSync(db)) throw new UserError(`no warehouse at ${db}; run tahseel build first, or pass --db FILE`);
    const warehouse = await openWarehouse(db);
    try {
      await ensureFindingTables(warehouse.connection);
      return { result: await action(warehouse, arg, options, context) };
    } finally {
      warehouse.close();
    }
  },
};
