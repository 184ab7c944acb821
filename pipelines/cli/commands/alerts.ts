// `tahseel alerts list|ack|close`: the alerts raised after the builds (audit.alerts), and a person
// acknowledging or closing one.
import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { DEFAULT_DB, stringOption, type Command, type ParsedOptions } from "../command.ts";
import { openWarehouse, type Warehouse } from "../../lib/duckdb.ts";
import type { RunContext } from "../../lib/context.ts";
import { UserError } from "../../lib/errors.ts";
import { type AlertRow, changeState, listAlerts } from "../../alerts/query.ts";
import { ALERT_STATES, type AlertState, ensureAlertTables } from "../../alerts/register.ts";
import { ALERTS_USAGE } from "./usages.ts";

type Action = (w: Warehouse, key: string | undefined, options: ParsedOptions, context: RunContext) => Promise<unknown>;

const print = (options: ParsedOptions, text: string) => void (options.json ? undefined : process.stdout.write(`${text}\n`));

function formatList(rows: readonly AlertRow[]): string {
  if (!rows.length) return "(no alerts)";
  return rows
    .map(
      (r) =>
        `${r.raised_at}  [${r.severity}] ${r.state.padEnd(12)} ${r.alert_key}${r.occurrence > 1 ? ` (#${r.occurrence})` : ""}\n` +
        `    ${r.subject}${r.subject_ar ? `\n    ${r.subject_ar}` : ""}` +
        `${r.state === "new" ? "" : `\n    ${r.state} by ${r.state_by} at ${r.state_at}${r.state_note ? `: ${r.state_note}` : ""}`}`,
    )
    .join("\n");
}

function change(state: "acknowledged" | "closed"): Action {
  return async (w, key, options, context) => {
    if (!key) throw new UserError(`tahseel alerts ${state === "closed" ? "close" : "ack"} needs an alert's key\nusage: ${ALERTS_USAGE}`);
    const by = stringOption(options, "by") ?? userInfo().username;
    const result = await changeState(w.connection, { key, state, by, note: stringOption(options, "note"), at: context.now() });
    const what = `${key} (occurrence ${result.alert.occurrence})`;
    print(options, result.changed ? `${what}: ${state} by ${by}` : `${what}: already ${state}`);
    return result;
  };
}

const ACTIONS: Record<string, Action> = {
  async list(w, key, options) {
    if (key !== undefined) throw new UserError(`unexpected argument ${key}\nusage: ${ALERTS_USAGE}`);
    const state = stringOption(options, "state");
    if (state !== undefined && !(ALERT_STATES as readonly string[]).includes(state))
      throw new UserError(`--state ${state} is not a state; use one of ${ALERT_STATES.join(", ")}`);
    const rows = await listAlerts(w.connection, { state: state as AlertState | undefined });
    print(options, formatList(rows));
    return rows;
  },
  ack: change("acknowledged"),
  close: change("closed"),
};

export const alertsCommand: Command = {
  async run(options, positionals, context) {
    const [sub, key, extra] = positionals;
    const action = sub === undefined ? undefined : ACTIONS[sub];
    if (!action) throw new UserError(`${sub ? `unknown alerts action "${sub}"; ` : ""}use list, ack or close\nusage: ${ALERTS_USAGE}`);
    if (extra !== undefined) throw new UserError(`unexpected argument ${extra}\nusage: ${ALERTS_USAGE}`);
    const db = stringOption(options, "db", DEFAULT_DB);
    if (!existsSync(db)) throw new UserError(`no warehouse at ${db}; run tahseel build first, or pass --db FILE`);
    const warehouse = await openWarehouse(db);
    try {
      await ensureAlertTables(warehouse.connection);
      return { result: await action(warehouse, key, options, context) };
    } finally {
      warehouse.close();
    }
  },
};
