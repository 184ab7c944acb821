// The generator's bills read back from its deliveries: each contribution invoice as rules.md §1 recomputes
// it from the wages (but for the planted mismatches), re-issues as §2 says, late fees as §3 allocates them.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readRows } from "../pipelines/generate/csv-reader.ts";
import { rowsOf, type ReadDelivery } from "../pipelines/generate/inbox-reader.ts";
import { daysCovered, defaultRules, divHalfUp, expectedContribution, parseSar } from "../pipelines/rules/index.ts";
import { useGeneratedSample } from "./helpers/generated.ts";

const generated = useGeneratedSample("tahseel-generate-billing-");
const { out } = generated;
let deliveries: ReadDelivery[];
beforeAll(() => ({ deliveries } = generated));

describe("bills that follow rules.md", () => {
  it("bills each period exactly as rules.md §1 recomputes it, except the invoices planted as wrong", () => {
    const rules = defaultRules();
    const latest = (entity: string, key: string) => new Map(rowsOf(deliveries, entity).map((r) => [r[key]!, r]));
    const people = latest("contributors", "contributor_id");
    const engagements = new Map(
      [...latest("engagements", "engagement_id").values()].map((e) => [`${e.employer_id}|${e.contributor_id}`, e]),
    );
    const expected = new Map<string, [number, number, number]>();
    for (const w of rowsOf(deliveries, "wages")) {
      const e = engagements.get(`${w.employer_id}|${w.contributor_id}`)!;
      const p = people.get(w.contributor_id!)!;
      const days = daysCovered(w.period!, e.joined_on!, e.left_on ?? null);
      expect(days).toBeGreaterThan(0);
      const c = expectedContribution(rules, {
        period: w.period!,
        nationality: p.nationality!,
        scheme: e.scheme as "mandatory" | "optional",
        firstRegisteredOn: p.first_registered_on!,
        basicWage: parseSar(w.basic_wage!),
        housingAllowance: parseSar(w.housing_allowance!),
        daysCovered: days,
      });
      const sum = expected.get(`${w.employer_id}|${w.period}`) ?? [0, 0, 0];
      expected.set(`${w.employer_id}|${w.period}`, [sum[0] + c.annuities, sum[1] + c.hazards, sum[2] + c.unemployment]);
    }
    const invoices = rowsOf(deliveries, "invoices");
    const replaced = new Set(invoices.map((i) => i.replaces_invoice_id).filter((id): id is string => !!id));
    const planted = new Set(
      readRows(join(out, "answer_key.csv"))
        .filter((r) => r.pattern === "invoice_mismatch")
        .flatMap((r) => r.ids!.split(";")),
    );
    let matched = 0;
    const billed = new Set<string>();
    for (const inv of invoices.filter((i) => i.invoice_type === "contribution" && !replaced.has(i.invoice_id!))) {
      const key = `${inv.employer_id}|${inv.period}`;
      billed.add(key);
      const actual = [parseSar(inv.annuities_amount!), parseSar(inv.hazards_amount!), parseSar(inv.unemployment_amount!)];
      if (planted.has(inv.invoice_id!)) expect(actual).not.toEqual(expected.get(key));
      else {
        expect(actual, inv.invoice_id!).toEqual(expected.get(key));
        matched++;
      }
    }
    expect(matched).toBeGreaterThan(400);
    expect([...expected.keys()].filter((k) => !billed.has(k))).toEqual([]);
    // Re-issues keep the original's due date (rules.md §2) and follow it.
    for (const inv of invoices.filter((i) => i.replaces_invoice_id !== null)) {
      const original = invoices.find((i) => i.invoice_id === inv.replaces_invoice_id)!;
      expect(inv.due_on).toBe(original.due_on);
      expect(inv.issued_on! > original.issued_on!).toBe(true);
    }
  });

  it("charges late fees of 2% on what was unpaid at the end of the day before, allocated as §3 says", () => {
    const invoices = rowsOf(deliveries, "invoices");
    const payments = rowsOf(deliveries, "payments");
    const adjustments = [...new Map(rowsOf(deliveries, "invoice_adjustments").map((a) => [a.adjustment_id!, a])).values()];
    const day = (text: string) => text.slice(0, 10);
    const cancelled = new Map(invoices.filter((i) => i.replaces_invoice_id).map((i) => [i.replaces_invoice_id!, i.issued_on!]));
    const reversed = new Map(payments.filter((p) => p.reverses_payment_id).map((p) => [p.reverses_payment_id!, day(p.paid_at!)]));
    const owner = new Map(invoices.map((i) => [i.invoice_id!, i.employer_id!]));
    const open = (employer: string, asOf: string) => {
      const live = invoices.filter(
        (i) => i.employer_id === employer && i.issued_on! <= asOf && !((cancelled.get(i.invoice_id!) ?? "9999") <= asOf),
      );
      const owed = new Map(live.map((i) => [i.invoice_id!, parseSar(i.total_amount!)]));
      for (const a of adjustments)
        if (owner.get(a.invoice_id!) === employer && a.approved_at && day(a.approved_at) <= asOf && owed.has(a.invoice_id!))
          owed.set(a.invoice_id!, owed.get(a.invoice_id!)! + parseSar(a.amount!));
      let pool = 0;
      for (const p of payments) {
        if (
          p.employer_id !== employer ||
          p.reverses_payment_id ||
          day(p.paid_at!) > asOf ||
          (reversed.get(p.payment_id!) ?? "9999") <= asOf
        )
          continue;
        let amount = parseSar(p.amount!);
        const named = p.invoice_id ? owed.get(p.invoice_id) : undefined;
        if (named !== undefined && named > 0) {
          const take = Math.min(named, amount);
          owed.set(p.invoice_id!, named - take);
          amount -= take;
        }
        pool += amount;
      }
      live.sort((a, b) =>
        a.due_on !== b.due_on
          ? a.due_on! < b.due_on!
            ? -1
            : 1
          : a.invoice_type !== b.invoice_type
            ? a.invoice_type === "contribution"
              ? -1
              : 1
            : a.invoice_id! < b.invoice_id!
              ? -1
              : 1,
      );
      for (const i of live) {
        const take = Math.min(owed.get(i.invoice_id!)!, pool);
        owed.set(i.invoice_id!, owed.get(i.invoice_id!)! - take);
        pool -= take;
      }
      return { live, owed };
    };
    const fees = new Map(
      invoices.filter((i) => i.invoice_type === "late_fee").map((f) => [`${f.employer_id}|${f.issued_on}|${f.period}`, f]),
    );
    const runs = [
      ...new Set(invoices.filter((i) => i.invoice_type === "contribution" && i.issued_on!.endsWith("-01")).map((i) => i.issued_on!)),
    ]
      .sort()
      .slice(1);
    let checked = 0;
    for (const run of runs) {
      const before = new Date(Date.parse(`${run}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      for (const employer of new Set(invoices.map((i) => i.employer_id!))) {
        const { live, owed } = open(employer, before);
        for (const inv of live.filter((i) => i.invoice_type === "contribution" && i.due_on! < before)) {
          const fee = divHalfUp(owed.get(inv.invoice_id!)! * 20_000, 1_000_000);
          const charged = fees.get(`${employer}|${run}|${inv.period}`);
          expect(charged ? parseSar(charged.fee_amount!) : 0, `${inv.invoice_id} on ${run}`).toBe(fee);
          if (charged) {
            expect(charged.due_on).toBe(`${run.slice(0, 8)}15`);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(fees.size);
    expect(checked).toBeGreaterThan(50);
  });
});
