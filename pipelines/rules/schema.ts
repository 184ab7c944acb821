// The settings behind every number in rules.md, as one zod schema. Law changes (2022, 2024) and
// other funds' numbers are edits to config/rules.json, never to code.
import { z } from "zod";
import { detectorsSchema } from "./detectors.ts";
import { riskSchema } from "./risk.ts";

export const BRANCHES = ["annuities", "hazards", "unemployment"] as const;
export type Branch = (typeof BRANCHES)[number];

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a period YYYY-MM");
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a date YYYY-MM-DD");
const sar = z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, 'must be a SAR amount with at most two decimals, such as "1500.00"');
const rate = z.string().regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, 'must be a rate from 0 to 1 with at most 6 decimals, such as "0.0075"');
const days = z.number().int().positive();

/** One row of the effective-dated rate table: it applies from `from_period` until a later matching row. */
export const rateRowSchema = z
  .object({
    branch: z.enum(BRANCHES),
    /** `saudi` is `nationality = SA`. */
    nationality: z.enum(["saudi", "non_saudi", "any"]),
    scheme: z.enum(["mandatory", "optional"]),
    /** `new_regime`: first registered on or after `new_regime_from`; a cohort-specific row beats `any` from the same period. */
    cohort: z.enum(["any", "legacy", "new_regime"]),
    from_period: period,
    employer: rate,
    contributor: rate,
    note: z.string().optional(),
  })
  .strict();

const severityLevel = z.object({ over_days: days, past_due_at_least: sar }).strict();

export const rulesSchema = z
  .object({
    description: z.string().optional(),
    contributions: z
      .object({
        new_regime_from: day,
        wage_ceiling: sar,
        wage_floors: z.object({ annuities: sar, hazards: sar, unemployment: sar }).strict(),
        rates: z.array(rateRowSchema).min(1),
      })
      .strict(),
    billing: z
      .object({
        due_day: z.number().int().min(1).max(28),
        late_fee_rate: rate,
        approval_threshold: sar,
      })
      .strict(),
    arrears: z
      .object({
        tolerance: sar,
        ageing_bucket_edges: z.array(days).min(1),
        severity: z.object({ critical: severityLevel, high: severityLevel, medium: severityLevel }).strict(),
        suspension: z.object({ min_past_due: sar, over_days: days }).strict(),
      })
      .strict(),
    objections: z.object({ sla_days: days, escalated_sla_days: days }).strict(),
    detectors: detectorsSchema,
    risk: riskSchema,
  })
  .strict()
  .superRefine((rules, ctx) => {
    const { wage_ceiling, wage_floors, rates } = rules.contributions;
    for (const branch of BRANCHES)
      if (Number(wage_floors[branch]) > Number(wage_ceiling))
        ctx.addIssue({
          code: "custom",
          path: ["contributions", "wage_floors", branch],
          message: "floor is above wage_ceiling",
        });
    const seen = new Map<string, number>();
    rates.forEach((row, i) => {
      const key = [row.branch, row.nationality, row.scheme, row.cohort, row.from_period].join("|");
      const first = seen.get(key);
      if (first !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["contributions", "rates", i],
          message: `repeats rates[${first}] (same branch, selectors and from_period)`,
        });
      else seen.set(key, i);
    });
    const edges = rules.arrears.ageing_bucket_edges;
    if (edges.some((e, i) => i > 0 && e <= edges[i - 1]!))
      ctx.addIssue({ code: "custom", path: ["arrears", "ageing_bucket_edges"], message: "must increase strictly" });
    const { critical, high, medium } = rules.arrears.severity;
    if (!(critical.over_days > high.over_days && high.over_days > medium.over_days))
      ctx.addIssue({
        code: "custom",
        path: ["arrears", "severity"],
        message: "over_days must decrease from critical to high to medium",
      });
  });

export type Rules = z.infer<typeof rulesSchema>;
export type RateRow = z.infer<typeof rateRowSchema>;
