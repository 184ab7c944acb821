// Money coming in: on time, late, partial, over, missing; by SADAD, transfer, cash or cheque; now
// and then reversed, posted twice, or posted to the wrong account (rules.md §8).
import type { z } from "zod";
import type { payments } from "../contracts/billing.ts";
import { formatSar } from "../rules/money.ts";
import { instant, isWorkday, timestampText, type Day, type Instant } from "./calendar.ts";
import { logActivity } from "./activity.ts";
import type { Books } from "./books.ts";
import type { LedgerInvoice } from "./ledger.ts";
import { zeroPadded } from "./ids.ts";
import type { Employer } from "./model.ts";
import { weighted, type Rng } from "./prng.ts";

type PaymentRow = z.infer<typeof payments.schema>;
type Channel = PaymentRow["channel"];

const BANKS = ["RJHI", "NCBK", "RIBL", "SABB", "BSFR", "ARNB", "ALBI", "INMA", "BJAZ"];
const SMALL_CHANNELS = weighted<Channel>([
  ["sadad", 65],
  ["bank_transfer", 15],
  ["cash", 12],
  ["cheque", 8],
]);
const LARGE_CHANNELS = weighted<Channel>([
  ["bank_transfer", 60],
  ["sadad", 35],
  ["cheque", 5],
]);

function channelFor(rng: Rng, e: Employer): Channel {
  return rng.weighted(e.size === "micro" || e.size === "small" ? SMALL_CHANNELS : LARGE_CHANNELS);
}

/** When money on `day` is stamped: counters and cheques only on working days and hours. */
function paidInstant(rng: Rng, day: Day, channel: Channel): Instant {
  if (channel === "cash" || channel === "cheque") {
    while (!isWorkday(day)) day++;
    return instant(day, rng.int(8 * 3600, 14 * 3600));
  }
  return channel === "sadad" ? instant(day, rng.int(6 * 3600, 86_399)) : instant(day, rng.int(8 * 3600, 15 * 3600));
}

interface Posting {
  amount: number;
  at: Instant;
  channel: Channel;
  bank: string | null;
  named: string | null;
  reverses: string | null;
  postedBy: string;
}

/**
 * Writes a payment row posted to `employerId`'s account. The account is an argument, not a field
 * spread into a copy of the posting: the copy of every payment cost more than the row.
 */
function post(books: Books, p: Posting, employerId: string): string {
  const { world, e } = books;
  const id = `PY-${e.id}-${zeroPadded(++e.seq.payment, 4)}`;
  const row: PaymentRow = {
    payment_id: id,
    employer_id: employerId,
    amount: formatSar(p.amount),
    paid_at: timestampText(p.at),
    channel: p.channel,
    bank_code: p.bank,
    invoice_id: p.named,
    reverses_payment_id: p.reverses,
    posted_by: p.postedBy,
  };
  if (world.out.emit("payments", "payments", p.at, row)) world.counts.payments = (world.counts.payments ?? 0) + 1;
  if (p.postedBy.startsWith("ST"))
    logActivity(world, e, {
      at: p.at,
      actor: p.postedBy,
      role: "staff",
      action: "create",
      entity: "payment",
      entityId: id,
      channel: "backoffice",
    });
  return id;
}

const day = (at: Instant) => Math.floor(at / 86_400);

/** Records a payment of `amount` made on `when` (naming `invoice` if given), with what can go wrong with it. */
export function pay(books: Books, when: Day, amount: number, invoice: LedgerInvoice | null, plain = false): void {
  if (amount <= 0) return;
  const { world, e, ledger } = books;
  const rng = e.rng;
  const channel = channelFor(rng, e);
  const at = paidInstant(rng, when, channel);
  const bank = channel === "cash" ? null : rng.pick(BANKS);
  const postedBy = channel === "sadad" ? "SADAD" : channel === "bank_transfer" ? "BANK-INT" : world.staff.teller(rng);
  // Payers sometimes write the invoice number without its dashes: it names nothing, so the money joins the pool.
  const named = invoice === null ? null : rng.chance(0.01) ? invoice.id.replaceAll("-", "") : invoice.id;
  const base: Posting = { amount, at, channel, bank, named, reverses: null, postedBy };

  if (!plain && books.pending.wrongEmployer && books.next && invoice?.type === "contribution") {
    books.pending.wrongEmployer = false;
    misposted(books, base, invoice);
    return;
  }
  const id = post(books, base, e.id);
  const payment = ledger.addPayment({ amount, paid: day(at), named, reversedFrom: Infinity });

  if (!plain && world.planter.take("payment_reversal", channel !== "cash")) {
    const reversedAt = paidInstant(rng, day(at) + rng.int(2, 10), channel);
    const reversal = post(books, { ...base, at: reversedAt, named: null, reverses: id }, e.id);
    payment.reversedFrom = day(reversedAt);
    if (world.out.slot("payments", reversedAt))
      world.planter.record({
        pattern: "payment_reversal",
        entity: "payments",
        ids: [id, reversal],
        period: invoice?.period ?? null,
        employerId: e.id,
        detail: channel,
      });
    if (rng.chance(0.75)) pay(books, day(reversedAt) + rng.int(1, 10), amount, invoice, true);
  }
  if (!plain && books.pending.duplicatePayment) {
    books.pending.duplicatePayment = false;
    const twinAt = Math.min(at + rng.int(60, 1800), day(at) * 86_400 + 86_399);
    const twin = post(books, { ...base, at: twinAt }, e.id);
    ledger.addPayment({ amount, paid: day(twinAt), named, reversedFrom: Infinity });
    if (world.out.slot("payments", twinAt))
      world.planter.record({
        pattern: "duplicate_payment",
        entity: "payments",
        ids: [id, twin],
        period: invoice?.period ?? null,
        employerId: e.id,
        detail: formatSar(amount),
      });
  }
}

/** Posted to the next account; usually found and moved back (a reversal there, a re-posting here). */
function misposted(books: Books, base: Posting, invoice: LedgerInvoice): void {
  const { world, e } = books;
  const rng = e.rng;
  const target = books.next!;
  const id = post(books, { ...base, named: null }, target.id);
  const ids = [id];
  let reversed: Day | null = null;
  if (rng.chance(0.7)) {
    const reversedAt = paidInstant(rng, day(base.at) + rng.int(3, 15), "bank_transfer");
    reversed = day(reversedAt);
    ids.push(post(books, { ...base, at: reversedAt, named: null, reverses: id, postedBy: world.staff.officer(rng) }, target.id));
    pay(books, reversed + rng.int(0, 2), base.amount, invoice, true);
  }
  books.handoff.misposted ??= [];
  books.handoff.misposted.push({ paymentId: id, amount: base.amount, paid: day(base.at), reversed });
  if (world.out.slot("payments", base.at))
    world.planter.record({
      pattern: "wrong_employer_payment",
      entity: "payments",
      ids,
      period: invoice.period,
      employerId: target.id,
      detail: `meant for employer ${e.id}`,
    });
}

type Mode = "on_time" | "late" | "partial" | "over" | "missing";
const MODES: Record<Employer["payer"], ReturnType<typeof weighted<Mode>>> = {
  punctual: weighted<Mode>([
    ["on_time", 93],
    ["late", 4],
    ["partial", 1],
    ["missing", 1],
    ["over", 1],
  ]),
  overpayer: weighted<Mode>([
    ["on_time", 60],
    ["over", 35],
    ["late", 5],
  ]),
  late: weighted<Mode>([
    ["on_time", 35],
    ["late", 50],
    ["partial", 7],
    ["missing", 5],
    ["over", 3],
  ]),
  partial: weighted<Mode>([
    ["on_time", 30],
    ["late", 20],
    ["partial", 35],
    ["missing", 12],
    ["over", 3],
  ]),
  defaulter: weighted<Mode>([
    ["on_time", 10],
    ["late", 15],
    ["partial", 15],
    ["missing", 60],
  ]),
};

/** Pays one period's contribution: the invoice as issued, and its re-issue if one replaced it. */
export function payPeriod(books: Books, primary: LedgerInvoice, reissue: LedgerInvoice | null, withheld: number): void {
  const { e } = books;
  const rng = e.rng;
  const final = reissue ?? primary;
  const owed = final.total - withheld;
  if (owed <= 0) return;
  const behaving = primary.issued <= books.planUntil;
  const mode = rng.weighted(MODES[behaving ? "punctual" : e.payer]);
  switch (mode) {
    case "missing":
      return;
    case "on_time":
      intent(books, primary, reissue, withheld, onTimeDay(rng, primary, final), owed);
      return;
    case "late":
      intent(books, primary, reissue, withheld, lateDay(rng, final), owed);
      return;
    case "partial": {
      const part = Math.max(100, Math.round((owed * (0.3 + 0.6 * rng.float())) / 100) * 100);
      if (part >= owed) {
        intent(books, primary, reissue, withheld, onTimeDay(rng, primary, final), owed);
        return;
      }
      intent(books, primary, reissue, withheld, onTimeDay(rng, primary, final), part);
      if (rng.chance(0.5)) pay(books, lateDay(rng, final) + 20, owed - part, final);
      return;
    }
    case "over":
      intent(
        books,
        primary,
        reissue,
        withheld,
        onTimeDay(rng, primary, final),
        owed + Math.max(10_000, Math.round((owed * (0.05 + 0.15 * rng.float())) / 100) * 100),
      );
      return;
  }
}

// The helpers of payPeriod are module-level functions, not closures inside it: tsx names every
// closure it creates (`__name`, a defineProperty per closure), which cost more than the payment.

/** A day on or before the due date, most often close to it. */
function onTimeDay(rng: Rng, primary: LedgerInvoice, final: LedgerInvoice): Day {
  return final.due - Math.floor(rng.float() ** 2 * Math.max(0, final.due - primary.issued - 1));
}

/** A day after the due date, about ten days late on the median. */
function lateDay(rng: Rng, final: LedgerInvoice): Day {
  return final.due + 1 + Math.floor(rng.lognormal(10, 0.9));
}

/** Pays `amount` on `when`: what falls before the re-issue pays the primary invoice, the rest the re-issue. */
function intent(books: Books, primary: LedgerInvoice, reissue: LedgerInvoice | null, withheld: number, when: Day, amount: number): void {
  if (reissue && when < reissue.issued) {
    const first = Math.min(amount, Math.max(0, primary.total - withheld));
    pay(books, when, first, primary);
    if (amount > first) pay(books, reissue.issued + books.e.rng.int(1, 4), amount - first, reissue);
  } else pay(books, when, amount, reissue ?? primary);
}

const FEE_PAYING: Record<Employer["payer"], number> = {
  punctual: 0.9,
  overpayer: 0.9,
  late: 0.6,
  partial: 0.4,
  defaulter: 0.15,
};

export function payFee(books: Books, fee: LedgerInvoice): void {
  const rng = books.e.rng;
  if (rng.chance(FEE_PAYING[books.e.payer])) pay(books, fee.issued + rng.int(1, 40), fee.total, fee);
}
