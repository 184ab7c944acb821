// data/staff.json (audit build only; pipelines/publish/export/staff.ts): per staff user, what they
// did (marts.staff_activity) beside the active findings that name them (marts.staff_findings joined
// to the register), by rule and disposition.

export interface StaffUser {
  user_id: string;
  adjustments_created: number;
  adjustments_approved: number;
  fee_waivers: number;
  /** SAR, exact decimal text. */
  fee_waiver_amount: string;
  waiver_employers: number;
  /** Share of the user's waivers on the employer with most of them; null without waivers. */
  waiver_concentration: number | null;
  wage_changes: number;
  manual_postings: number;
  /** Active findings naming the user, by rule. */
  findings: Record<string, number>;
  /** The same findings by disposition status (open, confirmed, …). */
  statuses: Record<string, number>;
}

export interface StaffData {
  users: StaffUser[];
  /** The staff rules shown as columns, in order; any other rule naming a user is counted under "other". */
  rules: string[];
}
