// What a late-fee invoice should be (rules.md §2): the fee rate times the unpaid amount, at the end
// of the day before its issue, of the employer's contribution invoices for the fee's period that were
// then past due (and not cancelled), rounded half-up to the halala.
import { Decimal } from "decimal.js";
import type { Rules } from "../rules/index.ts";
import { allocate } from "./allocation.ts";
import { addDays } from "./days.ts";
import type { EmployerLedger, OracleInvoice } from "./ledger.ts";

export function expectedLateFee(ledger: EmployerLedger, fee: OracleInvoice, rules: Rules): Decimal {
  const eve = addDays(fee.issuedOn, -1);
  const allocation = allocate(ledger, eve);
  let unpaid = new Decimal(0);
  for (const item of allocation.items)
    if (item.invoice.type === "contribution" && item.invoice.period === fee.period && item.dueOn < eve) unpaid = unpaid.plus(item.open);
  return unpaid.times(rules.billing.late_fee_rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}
