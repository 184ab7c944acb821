// Objections: an employer disputes part of an invoice, the objections team reviews it (asking for
// documents, sometimes escalating to the legal team or a committee) and decides; a conceded amount
// becomes a dispute_settlement credit. Most are decided within the 30/60-day service level.
import type { z } from "zod";
import type { disputeEvents, disputes } from "../contracts/disputes.ts";
import { formatSar } from "../rules/money.ts";
import { dayOfInstant, dayText, instant, timestampText, type Instant } from "./calendar.ts";
import { employerUser, logActivity, officeHours } from "./activity.ts";
import { adjust } from "./adjustments.ts";
import { ISSUE_SECOND, type Books } from "./books.ts";
import type { LedgerInvoice } from "./ledger.ts";
import { zeroPadded } from "./ids.ts";
import { pay } from "./payments.ts";
import { weighted } from "./prng.ts";
import { emitVersions } from "./registration.ts";

type DisputeRow = z.infer<typeof disputes.schema>;
type EventRow = z.infer<typeof disputeEvents.schema>;
type Status = EventRow["status"];

const CATEGORIES = weighted<DisputeRow["category"]>([
  ["wage_mismatch", 35],
  ["terminated_employee", 25],
  ["unregistered_period", 15],
  ["duplicate_billing", 10],
  ["other", 15],
]);
const OUTCOMES = weighted<Status>([
  ["accepted", 25],
  ["partially_accepted", 20],
  ["rejected", 40],
  ["withdrawn", 10],
  ["closed", 5],
]);

/** Maybe objects to `invoice`; returns the amount the employer withholds while it is open. */
export function maybeDispute(books: Books, invoice: LedgerInvoice): number {
  const { world, e } = books;
  const rng = e.rng;
  const fee = invoice.type === "late_fee";
  const chance = fee ? 0.03 : e.payer === "partial" || e.payer === "defaulter" ? 0.025 : 0.012;
  if (invoice.total < 5000 || !rng.chance(chance)) return 0;
  // An objection can only name an invoice the objections system already has (delivered before it).
  const delivered = world.out.slot("billing", instant(invoice.issued, ISSUE_SECOND));
  if (!delivered) return 0;
  const submitted = dayOfInstant(delivered.createdAt) + rng.int(1, 25);
  const amount = fee ? invoice.total : Math.max(100, Math.round(invoice.total * (0.1 + 0.5 * rng.float())));
  const id = `OB-${e.id}-${zeroPadded(++e.seq.dispute, 3)}`;
  const user = employerUser(e);
  const officer = world.staff.officer(rng);

  const events: [Instant, Status, string, number | null][] = [];
  const submittedAt = instant(submitted, rng.int(8 * 3600, 22 * 3600));
  events.push([submittedAt, "submitted", user, null]);
  let t = officeHours(rng, submitted + rng.int(1, 4));
  events.push([t, "under_review", officer, null]);
  const infoRequested = rng.chance(0.3);
  let documentsAt: Instant | null = null;
  if (infoRequested) {
    t = officeHours(rng, dayOfInstant(t) + rng.int(2, 7));
    events.push([t, "info_requested", officer, null]);
    documentsAt = officeHours(rng, dayOfInstant(t) + rng.int(3, 15));
    events.push([documentsAt, "under_review", officer, null]);
  }
  const escalated = rng.chance(0.15);
  const decisionDay = submitted + (escalated ? 20 + Math.floor(rng.lognormal(28, 0.5)) : 5 + Math.floor(rng.lognormal(15, 0.5)));
  if (escalated) {
    t = officeHours(rng, Math.min(decisionDay - 3, dayOfInstant(t) + rng.int(3, 12)));
    events.push([t, rng.chance(0.6) ? "escalated_legal" : "committee", world.staff.supervisor(rng), null]);
  }
  const outcome = rng.weighted(OUTCOMES);
  const resolved =
    outcome === "accepted"
      ? amount
      : outcome === "partially_accepted"
        ? Math.max(100, Math.round(amount * (0.2 + 0.6 * rng.float())))
        : null;
  const decidedAt = officeHours(rng, Math.max(decisionDay, dayOfInstant(t) + 1));
  events.push([decidedAt, outcome, outcome === "withdrawn" ? user : officer, resolved]);

  const row: DisputeRow = {
    dispute_id: id,
    employer_id: e.id,
    invoice_id: invoice.id,
    category: fee ? "late_fee" : rng.weighted(CATEGORIES),
    disputed_amount: formatSar(amount),
    submitted_on: dayText(submitted),
    documents_complete: infoRequested ? "false" : "true",
  };
  const versions: [Instant, DisputeRow][] = [[submittedAt, row]];
  if (documentsAt !== null) versions.push([documentsAt, { ...row, documents_complete: "true" }]);
  emitVersions(world, "objections", "disputes", versions);
  if (world.out.slot("objections", submittedAt)) world.counts.disputes = (world.counts.disputes ?? 0) + 1;

  let previous: Status | null = null;
  events.forEach(([at, status, actor, value], k) => {
    const event: EventRow = {
      event_id: `${id}-${k + 1}`,
      dispute_id: id,
      at: timestampText(at),
      status,
      actor,
      resolved_amount: value === null ? null : formatSar(value),
    };
    world.out.emit("objections", "dispute_events", at, event);
    if (actor.startsWith("ST"))
      logActivity(world, e, {
        at,
        actor,
        role: "staff",
        action: "update",
        entity: "dispute",
        entityId: id,
        field: "status",
        oldValue: previous,
        newValue: status,
        channel: "backoffice",
      });
    else if (status === "submitted")
      logActivity(world, e, {
        at,
        actor,
        role: "employer_user",
        action: "create",
        entity: "dispute",
        entityId: id,
        channel: "portal",
      });
    previous = status;
  });

  const decided = dayOfInstant(decidedAt);
  if (resolved !== null) {
    const createdAt = officeHours(rng, decided + rng.int(0, 3));
    adjust(books, {
      invoice,
      amount: -resolved,
      reason: "dispute_settlement",
      createdBy: officer,
      createdAt,
      approvedBy: world.staff.supervisor(rng),
      approvedAt: officeHours(rng, dayOfInstant(createdAt) + rng.int(0, 5)),
    });
  }
  const stillOwed = amount - (resolved ?? 0);
  if (stillOwed > 0 && rng.chance(0.7)) pay(books, decided + rng.int(1, 20), stillOwed, invoice);
  return amount;
}
