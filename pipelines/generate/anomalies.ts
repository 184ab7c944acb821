// The manipulation and error patterns of rules.md §8, planted at known rates, and the answer key
// that lists every planted case. A pattern's rate is the share of eligible employers that get it;
// an accumulator (not a coin) decides, so the counts are exact and even 50 employers get each one.
import { z } from "zod";
import { basename } from "node:path";
import { CsvFile } from "./csv-writer.ts";
import { monthText, type Month } from "./calendar.ts";

export const PATTERNS = {
  pension_wage_inflation: "a Saudi near retirement age whose wage jumps sharply (raises the pension)",
  under_declaration: "a wage cut to exactly a floor or quota threshold while still engaged",
  firm_wide_drop: "every wage of an employer cut from one month on, headcount unchanged",
  fake_saudization: "Saudis hired at exactly the 4,000 SAR quota threshold with no real job",
  sister_company_shuffle: "a Saudi moved in short spells between sister companies",
  ghost_multi_employer: "the same person engaged full-time at two unrelated employers at once",
  implausible_age: "a contributor aged 16 or 78 in a heavy job (still inside the 15–80 row rule)",
  self_approved_adjustment: "an adjustment approved by its own creator",
  split_credits: "credits split just under the approval threshold, same creator, days apart",
  fee_waiver_concentration: "late fees of one employer all waived by the same user",
  backdated_wage_change: "a staff change to the wage of a closed (already billed) period",
  after_hours_wage_change: "a staff change to a wage at night or on the weekend",
  manual_posting_unreviewed: "an invoice posted manually with no review by another user",
  duplicate_payment: "the same payment posted twice (same employer, amount and day)",
  payment_reversal: "a payment reversed later (returned transfer, bounced cheque)",
  wrong_employer_payment: "a payment posted to another employer's account",
  wage_times_ten: "one month's basic wage ten times the usual (an extra zero)",
  basic_housing_swapped: "basic wage and housing allowance swapped for a month",
  invoice_mismatch: "an invoice whose amounts differ from the recomputed contributions",
  coverage_gap: "an engagement covering a month with no wage declared (unbilled, unprotected)",
} as const;

export type Pattern = keyof typeof PATTERNS;
export const PATTERN_NAMES = Object.keys(PATTERNS) as Pattern[];

/**
 * How often each pattern is planted. For most it is the share of eligible employers (eligible: the
 * pattern can happen there, e.g. split credits need an invoice above twice the threshold, fee waivers
 * need late fees); for `payment_reversal` the share of payments; for `coverage_gap` a multiplier of
 * the natural rate (0.2%, 1%, 3% of engagement-months by compliance). Defaults give the 50-employer
 * sample at least one case of each.
 */
export const DEFAULT_RATES: Record<Pattern, number> = {
  pension_wage_inflation: 0.03,
  under_declaration: 0.05,
  firm_wide_drop: 0.12,
  fake_saudization: 0.03,
  sister_company_shuffle: 0.02,
  ghost_multi_employer: 0.02,
  implausible_age: 0.02,
  self_approved_adjustment: 0.03,
  split_credits: 0.3,
  fee_waiver_concentration: 0.1,
  backdated_wage_change: 0.03,
  after_hours_wage_change: 0.03,
  manual_posting_unreviewed: 0.03,
  duplicate_payment: 0.03,
  payment_reversal: 0.015,
  wrong_employer_payment: 0.02,
  wage_times_ten: 0.03,
  basic_housing_swapped: 0.03,
  invoice_mismatch: 0.03,
  coverage_gap: 1,
};

export const ratesSchema = z
  .object(
    Object.fromEntries(PATTERN_NAMES.map((p) => [p, z.number().min(0).max(1).optional()])) as Record<Pattern, z.ZodOptional<z.ZodNumber>>,
  )
  .strict();

export interface AnswerKeyEntry {
  pattern: Pattern;
  entity: string;
  ids: string[];
  period: Month | null;
  employerId: string;
  contributorId?: string;
  detail?: string;
}

const GOLDEN = 0.6180339887498949;

export const ANSWER_KEY_COLUMNS = ["pattern", "entity", "ids", "period", "employer_id", "contributor_id", "detail"];

export class Planter {
  private readonly credit = new Map<Pattern, number>();
  readonly planted = new Map<Pattern, number>();
  private readonly key: CsvFile;

  constructor(
    path: string,
    readonly rates: Record<Pattern, number>,
    shard = 0,
  ) {
    // Patterns start at different phases of the accumulator so they do not all land on the same employers.
    for (const [i, p] of PATTERN_NAMES.entries()) this.credit.set(p, 0.35 + 0.6 * (((i + shard * 7) * GOLDEN) % 1));
    this.key = new CsvFile(path, basename(path), { encoding: "utf-8", bom: false, crlf: false, columns: ANSWER_KEY_COLUMNS }, undefined);
  }

  /** Call once per eligible employer: true when this one gets the pattern. */
  take(pattern: Pattern, eligible = true): boolean {
    if (!eligible) return false;
    const rate = this.rates[pattern];
    if (rate <= 0) return false;
    const credit = this.credit.get(pattern)! + rate;
    if (credit < 1) {
      this.credit.set(pattern, credit);
      return false;
    }
    this.credit.set(pattern, credit - 1);
    return true;
  }

  record(entry: AnswerKeyEntry): void {
    this.planted.set(entry.pattern, (this.planted.get(entry.pattern) ?? 0) + 1);
    this.key.writeRow({
      pattern: entry.pattern,
      entity: entry.entity,
      ids: entry.ids.join(";"),
      period: entry.period === null ? null : monthText(entry.period),
      employer_id: entry.employerId,
      contributor_id: entry.contributorId ?? null,
      detail: entry.detail ?? null,
    });
  }

  close(): void {
    this.key.close();
  }
}
