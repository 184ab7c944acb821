// overview.json's objection tile, a file of its own so that overview.ts and objections.ts need not import each other.

/** overview.json's objection tile: the open backlog at the report month's end and the month before (marts.kpi_monthly). */
export type ObjectionTile = {
  period: string;
  open: number;
  open_amount: string;
  previous_open: number | null;
  previous_amount: string | null;
  /** Of the objections decided in the month, the share decided past their service level. */
  sla_breach_rate: string | null;
};
