// The generator's world at scale and its answer key: §7 proportions on a larger population, and every
// §8 pattern planted in the 50-employer sample, each case naming rows that were delivered.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ENTITIES, keyColumns } from "../pipelines/contracts/index.ts";
import { generateDeliveries, type GenerateResult } from "../pipelines/generate/index.ts";
import { PATTERN_NAMES } from "../pipelines/generate/anomalies.ts";
import { readRows } from "../pipelines/generate/csv-reader.ts";
import { readInbox, rowsOf, type ReadDelivery, type TextRow } from "../pipelines/generate/inbox-reader.ts";
import { parseSar, tryParseSar } from "../pipelines/rules/index.ts";
import { useGeneratedSample } from "./helpers/generated.ts";

const generated = useGeneratedSample("tahseel-generate-world-");
const { root, out } = generated;
let result: GenerateResult;
let deliveries: ReadDelivery[];
beforeAll(() => ({ result, deliveries } = generated));

describe("a world like §7", () => {
  it("matches §7 at scale: mostly micro employers, about a quarter Saudi, half in Riyadh, wages bunched at thresholds", async () => {
    const big = join(root, "stats");
    await generateDeliveries({ out: big, employers: 2000, months: 1, seed: "5", shards: 1 });
    const inbox = readInbox(join(big, "inbox"));
    const people = new Map(rowsOf(inbox, "contributors").map((r) => [r.contributor_id!, r]));
    const employers = new Map(rowsOf(inbox, "employers").map((r) => [r.employer_id!, r]));
    const wages = rowsOf(inbox, "wages");
    const total = (w: TextRow) => parseSar(w.basic_wage!) + parseSar(w.housing_allowance!);
    const share = (rows: TextRow[], test: (w: TextRow) => boolean) => rows.filter(test).length / rows.length;
    const saudi = wages.filter((w) => people.get(w.contributor_id!)!.nationality === "SA");
    const residents = wages.filter((w) => people.get(w.contributor_id!)!.nationality !== "SA");
    expect(saudi.length / wages.length).toBeGreaterThan(0.15);
    expect(saudi.length / wages.length).toBeLessThan(0.35);
    expect(share(saudi, (w) => total(w) === 400_000 || total(w) === 300_000)).toBeGreaterThan(0.25);
    expect(share(residents, (w) => total(w) <= 150_000)).toBeGreaterThan(0.4);
    expect(share(wages, (w) => employers.get(w.employer_id!)!.region === "RIYADH")).toBeGreaterThan(0.4);
    expect(share(wages, (w) => employers.get(w.employer_id!)!.region === "RIYADH")).toBeLessThan(0.6);
    const headcount = new Map<string, number>();
    for (const w of wages) headcount.set(w.employer_id!, (headcount.get(w.employer_id!) ?? 0) + 1);
    expect([...headcount.values()].filter((n) => n < 10).length / headcount.size).toBeGreaterThan(0.8);
    expect(wages.length / employers.size).toBeGreaterThan(5);
    expect(wages.length / employers.size).toBeLessThan(12);
    expect([...employers.values()].some((e) => e.account_type === "optional_subscriber")).toBe(true);
    expect(new Set([...employers.values()].map((e) => e.sector)).size).toBeGreaterThan(15);
  });
});

describe("answer key", () => {
  it("lists every §8 pattern planted in the 50-employer sample, each case naming delivered rows", () => {
    const key = readRows(join(out, "answer_key.csv"));
    expect(new Set(key.map((r) => r.pattern))).toEqual(new Set(PATTERN_NAMES));
    const ids = new Set<string>();
    for (const entity of ENTITIES) for (const row of rowsOf(deliveries, entity.name)) for (const k of keyColumns(entity)) ids.add(row[k]!);
    const wageKeys = new Set(rowsOf(deliveries, "wages").map((w) => `${w.period}|${w.employer_id}|${w.contributor_id}`));
    const activity = new Set(rowsOf(deliveries, "activity_log").map((a) => a.entity_id));
    for (const row of key) {
      for (const id of row.ids!.split(";"))
        expect(ids.has(id) || (wageKeys.has(id) && activity.has(id)), `${row.pattern} ${id}`).toBe(true);
      expect(ids.has(row.employer_id!)).toBe(true);
    }
    expect(result.planted.coverage_gap).toBe(key.filter((r) => r.pattern === "coverage_gap").length);
  });

  it("plants self-approvals, splits under the threshold and after-hours changes that the rows show", () => {
    const key = readRows(join(out, "answer_key.csv"));
    const adjustments = new Map(rowsOf(deliveries, "invoice_adjustments").map((a) => [a.adjustment_id!, a]));
    for (const row of key.filter((r) => r.pattern === "self_approved_adjustment")) {
      const a = adjustments.get(row.ids!)!;
      expect(a.approved_by).toBe(a.created_by);
    }
    for (const row of key.filter((r) => r.pattern === "split_credits")) {
      const credits = row.ids!.split(";").map((id) => adjustments.get(id)!);
      for (const c of credits) expect(-parseSar(c.amount!)).toBeLessThan(1_000_000);
      expect(credits.reduce((s, c) => s - parseSar(c.amount!), 0)).toBeGreaterThan(1_000_000);
      expect(new Set(credits.map((c) => c.created_by)).size).toBe(1);
    }
    const ages = rowsOf(deliveries, "contributors").filter((c) =>
      key.some((r) => r.pattern === "implausible_age" && r.ids === c.contributor_id),
    );
    expect(ages.length).toBeGreaterThan(0);
    const pays = new Map(rowsOf(deliveries, "payments").map((p) => [p.payment_id!, p]));
    for (const row of key.filter((r) => r.pattern === "duplicate_payment")) {
      const [a, b] = row.ids!.split(";").map((id) => pays.get(id)!);
      expect([b!.employer_id, b!.amount, b!.paid_at!.slice(0, 10)]).toEqual([a!.employer_id, a!.amount, a!.paid_at!.slice(0, 10)]);
    }
    expect(tryParseSar("1.5")).toBe(150);
  });
});
