// The risk scorecard's codes, shared by the pages and the exporter (which imports them from here: a
// page may import nothing but types from the pipelines).

export const RISK_TIERS = ["low", "medium", "high", "critical"] as const;

/** The drivers in marts.employer_risk's order; an employer's `points` list is in this order. */
export const RISK_DRIVERS = [
  "arrears_severity",
  "arrears_age",
  "arrears_amount",
  "days_late",
  "invoices_paid_late",
  "reversed_payments",
  "compliance",
  "findings",
  "objections",
  "exposure",
] as const;
