// The plain TypeScript oracle of the ledger (rules.md §2–§4): allocation, ageing, severity,
// suspension and late fees, one employer at a time, with decimal.js. Tests and the benchmark hold the
// SQL models to it.
export { riyadhDay, addDays, daysBetween, monthEnd, monthEndsBetween } from "./days.ts";
export {
  liveInvoices,
  livePayments,
  hasActivity,
  ledgerDueOn,
  cancellationDays,
  type EmployerLedger,
  type OracleInvoice,
  type OraclePayment,
  type OracleAdjustment,
  type OracleDispute,
  type LiveInvoice,
} from "./ledger.ts";
export { allocate, type Allocation, type AllocatedItem, type AllocatedPayment } from "./allocation.ts";
export {
  ageing,
  severityOf,
  suspension,
  undecidedInvoices,
  type Ageing,
  type Severity,
  type Suspension,
} from "./ageing.ts";
export { expectedLateFee } from "./late-fee.ts";
export { loadLedgers } from "./load.ts";
export { employerReport, oracleReports, reportingDates, firstDay, sar, type EmployerReport } from "./report.ts";
export { invoiceCompliance, type InvoiceCompliance } from "./compliance.ts";
