// The order the employer profile shows each part of a shard in. Shared with the exporter, which
// pages a giant employer's long parts in this same order (pipelines/publish/export/employers.ts).
type Row = Record<string, unknown>;

export const SORT_BY: Record<string, string[]> = {
  balances: ["as_of"],
  ageing: ["as_of"],
  open_items: ["due_on", "invoice_id"],
  invoices: ["issued_on", "invoice_id"],
  payments: ["paid_on", "payment_id"],
  adjustments: ["approved_on", "adjustment_id"],
  objections: ["submitted_on", "dispute_id"],
  suspension: ["as_of"],
  gaps: ["period", "contributor_id"],
  compliance: ["period"],
};

/** Sorts rows in place by the part's keys, each compared as text (dates and ids are fixed-width text). */
export function sortPart(part: string, rows: Row[]): Row[] {
  const keys = SORT_BY[part] ?? [];
  return rows.sort((a, b) => {
    for (const k of keys) {
      const c = String(a[k] ?? "").localeCompare(String(b[k] ?? ""));
      if (c) return c;
    }
    return 0;
  });
}
