// Credit and debit notes: created by an officer, delivered unapproved, approved days later by a
// supervisor (a second one for credits at or above the approval threshold), the approval arriving
// as a new version of the same row. Only approved notes change what is owed, from their day on.
import type { z } from "zod";
import type { invoiceAdjustments } from "../contracts/billing.ts";
import { formatSar } from "../rules/money.ts";
import { dayOfInstant, timestampText, type Instant } from "./calendar.ts";
import { logActivity, officeHours } from "./activity.ts";
import type { Books } from "./books.ts";
import type { LedgerInvoice } from "./ledger.ts";
import { zeroPadded } from "./ids.ts";
import { emitVersions } from "./registration.ts";

type AdjustmentRow = z.infer<typeof invoiceAdjustments.schema>;

export interface AdjustmentSpec {
  invoice: LedgerInvoice;
  /** Signed halalas: negative is a credit. */
  amount: number;
  reason: AdjustmentRow["reason_code"];
  createdBy: string;
  createdAt: Instant;
  /** Null: never approved (stays pending). */
  approvedBy: string | null;
  approvedAt: Instant | null;
}

/** Writes the note (both versions), logs who did what, and books it. Returns its id. */
export function adjust(books: Books, spec: AdjustmentSpec): string {
  const { world, e, ledger } = books;
  const amount = spec.amount < 0 ? -Math.min(-spec.amount, ledger.creditRoom(spec.invoice)) : spec.amount;
  const id = `AD-${e.id}-${zeroPadded(++e.seq.adjustment, 3)}`;
  if (amount === 0) return id;
  const row: AdjustmentRow = {
    adjustment_id: id,
    invoice_id: spec.invoice.id,
    amount: formatSar(amount),
    reason_code: spec.reason,
    created_by: spec.createdBy,
    created_at: timestampText(spec.createdAt),
    approved_by: null,
    approved_at: null,
  };
  const versions: [Instant, AdjustmentRow][] = [[spec.createdAt, row]];
  logActivity(world, e, {
    at: spec.createdAt,
    actor: spec.createdBy,
    role: "staff",
    action: "create",
    entity: "adjustment",
    entityId: id,
    field: "amount",
    newValue: row.amount,
    channel: "backoffice",
  });
  if (spec.approvedBy !== null && spec.approvedAt !== null) {
    const needsSecond = amount <= -world.rules.approvalThreshold;
    if (needsSecond) {
      const first = world.staff.supervisor(e.rng, spec.approvedBy);
      const firstAt = Math.max(spec.createdAt + 60, spec.approvedAt - e.rng.int(600, 86_400));
      logActivity(world, e, {
        at: firstAt,
        actor: first,
        role: "staff",
        action: "approve",
        entity: "adjustment",
        entityId: id,
        channel: "backoffice",
      });
    }
    versions.push([spec.approvedAt, { ...row, approved_by: spec.approvedBy, approved_at: timestampText(spec.approvedAt) }]);
    logActivity(world, e, {
      at: spec.approvedAt,
      actor: spec.approvedBy,
      role: "staff",
      action: "approve",
      entity: "adjustment",
      entityId: id,
      channel: "backoffice",
    });
  }
  world.counts.adjustments = (world.counts.adjustments ?? 0) + emitVersions(world, "billing", "invoice_adjustments", versions);
  ledger.addAdjustment(
    spec.invoice,
    amount,
    spec.approvedAt === null || spec.approvedBy === null ? Infinity : dayOfInstant(spec.approvedAt),
  );
  return id;
}

/** An officer's note on `invoice`, created `after` days after issue, approved by a supervisor most of the time. */
export function routineAdjustment(
  books: Books,
  invoice: LedgerInvoice,
  amount: number,
  reason: AdjustmentRow["reason_code"],
  after: number,
): string {
  const { world, e } = books;
  const rng = e.rng;
  const createdAt = officeHours(rng, invoice.issued + after);
  const approved = rng.chance(0.85);
  const approvedAt = approved ? officeHours(rng, dayOfInstant(createdAt) + rng.int(1, 10)) : null;
  return adjust(books, {
    invoice,
    amount,
    reason,
    createdBy: world.staff.officer(rng),
    createdAt,
    approvedBy: approved ? world.staff.supervisor(rng) : null,
    approvedAt,
  });
}

/** Background notes on a contribution invoice: wage corrections, late registrations, the odd other. */
export function backgroundAdjustments(books: Books, invoice: LedgerInvoice): void {
  const rng = books.e.rng;
  const u = rng.float();
  if (invoice.total < 1000) return;
  if (u < 0.008) {
    const size = Math.max(100, Math.round((invoice.total * (0.01 + 0.14 * rng.float())) / 100) * 100);
    routineAdjustment(books, invoice, rng.chance(0.6) ? -size : size, "wage_correction", rng.int(5, 40));
  } else if (u < 0.011) routineAdjustment(books, invoice, rng.int(100, 2000) * 100, "retroactive_registration", rng.int(5, 40));
  else if (u < 0.013) routineAdjustment(books, invoice, (rng.chance(0.5) ? -1 : 1) * rng.int(10, 300) * 100, "other", rng.int(5, 40));
}
