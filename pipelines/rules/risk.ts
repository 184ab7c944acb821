// The employer risk scorecard's points, caps and tier cut-offs (config/rules.json `risk`, issue 19). The
// score is additive: each driver earns at most its `max_points`, and the maxima must add up to exactly
// 100, so a score is a share of the worst case. Every message says which field and what to write.
import { z } from "zod";
import { RISK_DRIVERS } from "../../dashboards/components/risk-codes.ts";

const count = z.number("must be a whole number, such as 3 (no quotes)").int("must be a whole number, such as 3").min(0);
const points = z.number("must be a number of points, such as 5 (no quotes)").min(0, "points cannot be negative");
const positive = z.number("must be a number above 0, such as 30 (no quotes)").positive("must be above 0");
const sar = z.string('must be a SAR amount in quotes, such as "500000.00"').regex(/^\d{1,16}(\.\d{1,2})?$/, {
  message: 'must be a SAR amount with at most two decimals, in quotes, such as "500000.00"',
});

/** The drivers in the order the score lists them (and breaks ties between equal points); one list with the pages'. */
export { RISK_DRIVERS };
export type RiskDriver = (typeof RISK_DRIVERS)[number];

const driver = <T extends z.ZodRawShape>(shape: T) => z.object({ max_points: points, ...shape }).strict();
const bySeverity = z.object({ low: points, medium: points, high: points, critical: points }).strict();

export const riskSchema = z
  .object({
    /** Recorded on every row of marts.employer_risk: which settings made the score. */
    version: z.string('must be a version in quotes, such as "2026.1"').min(1, "must not be empty"),
    /** The window of payment behaviour, compliance, reversals and objections, in months up to the as-of date. */
    lookback_months: count.min(1, "must be at least 1 month"),
    /** marts.risk_validation judges the score at a month-end by the arrears this many months later. */
    validation_months: count.min(1, "must be at least 1 month"),
    /** A score at or above a cut-off is in that tier; below `medium` it is `low`. */
    tiers: z.object({ medium: positive, high: positive, critical: positive }).strict(),
    drivers: z
      .object({
        /** Points by the arrears' severity (rules.md §4); none earns nothing. */
        arrears_severity: driver({ points: bySeverity }),
        /** The oldest past-due item: one point per `days_per_point` days past due, up to the cap. */
        arrears_age: driver({ days_per_point: positive }),
        /** Past due against the employer's own billing over the lookback: the cap at `share_for_max`, linear below. */
        arrears_amount: driver({ share_for_max: positive }),
        /** Average days late of the invoices due in the lookback: the cap at `days_for_max`, linear below. */
        days_late: driver({ days_for_max: positive }),
        /** Share of the invoices due in the lookback not paid in full by their due date, times the cap. */
        invoices_paid_late: driver({ min_invoices: count.min(1, "must be at least 1 invoice") }),
        /** Payments reversed in the lookback: points each, up to the cap. */
        reversed_payments: driver({ points_each: points }),
        /** Months of the lookback with a wage not declared or declared late: points each, up to the cap. */
        compliance: driver({ points_per_month: points }),
        /** Open or confirmed findings, points by severity each, up to the cap (false positives, exempt, resolved: none). */
        findings: driver({ points: bySeverity }),
        /** Serial objections (at least `serial_at_least` in the lookback) and the share of decided ones rejected. */
        objections: driver({ serial_at_least: count.min(1, "must be at least 1"), serial_points: points, rejected_share_points: points }),
        /** What is at stake: many contributors, large billing over the lookback. */
        exposure: driver({
          contributors_at_least: count.min(1, "must be at least 1"),
          contributors_points: points,
          billed_at_least: sar,
          billed_points: points,
        }),
      })
      .strict(),
  })
  .strict()
  .superRefine((risk, ctx) => {
    const d = risk.drivers;
    const total = RISK_DRIVERS.reduce((s, k) => s + d[k].max_points, 0);
    if (Math.abs(total - 100) > 1e-9)
      ctx.addIssue({
        code: "custom",
        path: ["drivers"],
        message:
          `the drivers' max_points add up to ${total}, not 100 (${RISK_DRIVERS.map((k) => `${k} ${d[k].max_points}`).join(", ")}); ` +
          `change them so that they add up to 100, the score's top`,
      });
    for (const key of ["arrears_severity", "findings"] as const) {
      const p = d[key].points;
      if (!(p.low <= p.medium && p.medium <= p.high && p.high <= p.critical))
        ctx.addIssue({
          code: "custom",
          path: ["drivers", key, "points"],
          message: "must not decrease from low to medium to high to critical",
        });
    }
    const single: [RiskDriver, string, number][] = [
      ["arrears_severity", "points.critical", d.arrears_severity.points.critical],
      ["objections", "serial_points + rejected_share_points", d.objections.serial_points + d.objections.rejected_share_points],
      ["exposure", "contributors_points + billed_points", d.exposure.contributors_points + d.exposure.billed_points],
    ];
    for (const [key, what, value] of single)
      if (value > d[key].max_points)
        ctx.addIssue({
          code: "custom",
          path: ["drivers", key],
          message: `${what} (${value}) is above max_points (${d[key].max_points}); lower it or raise max_points`,
        });
    const { medium, high, critical } = risk.tiers;
    if (!(medium < high && high < critical))
      ctx.addIssue({
        code: "custom",
        path: ["tiers"],
        message: `cut-offs must increase: medium (${medium}) < high (${high}) < critical (${critical}); reorder them`,
      });
    if (critical > 100)
      ctx.addIssue({ code: "custom", path: ["tiers", "critical"], message: `is ${critical}, above the score's top of 100; lower it` });
  });

export type RiskSettings = z.infer<typeof riskSchema>;
