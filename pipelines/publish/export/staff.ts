// The Staff page's data (audit build only): each staff user's activity (marts.staff_activity) with
// the active findings that name them (marts.staff_findings against the register), by rule and by
// disposition. A warehouse without those models or without a folded register gets empty counts.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import type { DataFiles } from "../data-files.ts";
import type { StaffData, StaffUser } from "../page-data/staff.ts";
import { hasTable } from "./tables.ts";

/** The staff patterns of rules.md §8, the Staff page's columns in this order. */
export const STAFF_RULES = [
  "self_approved_adjustment",
  "fee_waiver_concentration",
  "split_credits",
  "after_hours_wage_change",
  "backdated_wage_change",
  "manual_posting_unreviewed",
];

export async function exportStaff(c: DuckDBConnection, files: DataFiles): Promise<StaffData> {
  const data: StaffData = { users: [], rules: STAFF_RULES };
  if (!(await hasTable(c, "marts", "staff_activity"))) {
    files.page("staff.json", data);
    return data;
  }
  const users = await queryRows<Omit<StaffUser, "findings" | "statuses"> & Record<string, unknown>>(
    c,
    `SELECT user_id, adjustments_created, adjustments_approved, fee_waivers, CAST(fee_waiver_amount AS VARCHAR) AS fee_waiver_amount,
            waiver_employers, waiver_concentration, wage_changes, manual_postings
     FROM marts.staff_activity ORDER BY user_id`,
  );
  const counts =
    (await hasTable(c, "audit", "findings")) && (await hasTable(c, "marts", "staff_findings"))
      ? await queryRows<{ user_id: string; rule: string; status: string; n: number }>(
          c,
          `SELECT s.user_id, s.rule, f.status, count(*)::INTEGER AS n
           FROM marts.staff_findings AS s JOIN audit.findings AS f USING (anomaly_id)
           WHERE f.seen_state = 'active' GROUP BY ALL`,
        )
      : [];
  data.users = users.map((u) => {
    const mine = counts.filter((x) => x.user_id === u.user_id);
    const add = (into: Record<string, number>, key: string, n: number) => {
      into[key] = (into[key] ?? 0) + n;
    };
    const findings: Record<string, number> = {};
    const statuses: Record<string, number> = {};
    for (const x of mine) {
      add(findings, x.rule, x.n);
      add(statuses, x.status, x.n);
    }
    return { ...u, findings, statuses };
  });
  files.page("staff.json", data);
  return data;
}
