// The detectors' thresholds (config/rules.json `detectors`, rules.md §8). Each message says what to
// write instead, since a threshold of the wrong type is the analyst's to fix.
import { z } from "zod";

const sar = z.string('must be a SAR amount in quotes, such as "4000.00"').regex(/^\d{1,16}(\.\d{1,2})?$/, {
  message: 'must be a SAR amount with at most two decimals, in quotes, such as "4000.00"',
});
const count = z.number("must be a whole number, such as 3 (no quotes)").int("must be a whole number, such as 3").min(0);
const positive = z.number("must be a number, such as 1.5 (no quotes)").positive("must be above 0");
const share = z.number("must be a share from 0 to 1, such as 0.5 (no quotes)").min(0).max(1, "must be a share from 0 to 1");
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
const severity = z.enum(SEVERITIES, { message: `must be one of ${SEVERITIES.join(", ")}` });
const rule = <T extends z.ZodRawShape>(shape: T) => z.object({ severity, ...shape }).strict();
const band = z.object({ close: positive, acceptable: positive, marginal: positive }).strict();

export const detectorsSchema = z
  .object({
    /** A Saudi counts fully for Nitaqat from this monthly wage: where under-declared and nominal wages bunch. */
    saudization_threshold: sar,
    /** Headcount edges of the size classes micro | small | medium | large (the peer group is sector × size class). */
    size_class_edges: z.array(count).length(3, "must list three headcounts, such as [5, 49, 249]"),
    working_hours: z
      .object({
        weekend_isodow: z.array(z.number().int().min(1).max(7, "ISO weekdays run 1 (Monday) to 7 (Sunday)")),
        start_hour: count.max(23),
        end_hour: count.max(24),
      })
      .strict(),
    pension_wage_inflation: rule({ retirement_age: count, years_before: count, min_rise_ratio: positive, min_history_months: count }),
    /** firm_ratio_tolerance: how far from the firm's proportion, in a firm-wide drop, a cut to the threshold is the person's own. */
    under_declaration: rule({ max_cut_ratio: share, min_history_months: count, firm_ratio_tolerance: share }),
    firm_wide_drop: rule({ max_median_ratio: share, min_share_cut: share, min_contributors: count, max_headcount_change: share }),
    /** neighbour_tolerance: how far from exactly ten times the basic of the month before or after an extra zero may be. */
    wage_times_ten: rule({ min_ratio: positive, max_ratio: positive, min_history_months: count, neighbour_tolerance: share }),
    basic_housing_swapped: rule({ min_history_months: count }),
    /**
     * A nominal hire fills no vacated post: it lifts the headcount above its highest of lookback_days, or nobody left in
     * replacement_days before it; founding_days: a new firm's first hires, all new posts, are not judged.
     */
    fake_saudization: rule({ lookback_days: count, replacement_days: count, founding_days: count }),
    sister_company_shuffle: rule({ max_spell_days: count, max_gap_days: count }),
    leaver_not_deregistered: rule({ min_months_without_wage: count }),
    ghost_multi_employer: rule({ min_overlap_months: count }),
    implausible_age: rule({ min_age: count, max_age: count }),
    self_approved_adjustment: rule({}),
    split_credits: rule({ window_days: count, near_share: share, min_credits: count }),
    fee_waiver_concentration: rule({ min_waivers: count, min_share: share }),
    backdated_wage_change: rule({}),
    after_hours_wage_change: rule({}),
    manual_posting_unreviewed: rule({}),
    duplicate_payment: rule({}),
    payment_reversal: rule({}),
    wrong_employer_payment: rule({ move_back_days: count }),
    invoice_mismatch: rule({ tolerance: sar }),
    benford: rule({ min_count_first_digit: count, min_count_first_two: count, first_digit: band, first_two: band }),
    wage_digit_tests: rule({ min_count: count, max_modified_z: positive }),
    wage_outlier: rule({ max_modified_z: positive, min_history_months: count, min_relative_change: positive }),
  })
  .strict()
  .superRefine((d, ctx) => {
    for (const key of ["first_digit", "first_two"] as const) {
      const b = d.benford[key];
      if (!(b.close < b.acceptable && b.acceptable < b.marginal))
        ctx.addIssue({ code: "custom", path: ["benford", key], message: "bands must increase: close < acceptable < marginal" });
    }
    if (d.wage_times_ten.min_ratio >= d.wage_times_ten.max_ratio)
      ctx.addIssue({ code: "custom", path: ["wage_times_ten", "min_ratio"], message: "must be below max_ratio" });
    if (d.implausible_age.min_age >= d.implausible_age.max_age)
      ctx.addIssue({ code: "custom", path: ["implausible_age", "min_age"], message: "must be below max_age" });
  });

export type DetectorSettings = z.infer<typeof detectorsSchema>;
