// The extract contracts, in the order a delivery's files are applied (extracts.md, "Row rules").
import { employers, contributors, engagements } from "./registration.ts";
import { invoices, invoiceAdjustments, wages, payments, instalmentPlans } from "./billing.ts";
import { disputes, disputeEvents, activityLog } from "./disputes.ts";
import type { EntityContract } from "./entity.ts";

export const ENTITIES = [
  employers,
  contributors,
  engagements,
  invoices,
  invoiceAdjustments,
  disputes,
  instalmentPlans,
  wages,
  payments,
  disputeEvents,
  activityLog,
] as const satisfies readonly EntityContract[];

export type EntityName = (typeof ENTITIES)[number]["name"];

export function entityByName(name: string): EntityContract | undefined {
  return (ENTITIES as readonly EntityContract[]).find((e) => e.name === name);
}

export { employers, contributors, engagements, invoices, invoiceAdjustments, wages, payments, instalmentPlans };
export { disputes, disputeEvents, activityLog };
export { columnsOf, keyColumns, controlColumn, type EntityContract, type ColumnContract } from "./entity.ts";
