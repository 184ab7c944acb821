// The generator's options, validated once; errors are the user's to fix.
import { z } from "zod";
import { UserError } from "../lib/errors.ts";
import { DEFAULT_RATES, PATTERN_NAMES, ratesSchema, type Pattern } from "./anomalies.ts";

export const optionsSchema = z
  .object({
    out: z.string().min(1, "--out is required"),
    employers: z.number().int().min(1).max(5_000_000).default(50),
    months: z.number().int().min(1).max(120).default(12),
    end: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "--end must be a period YYYY-MM")
      .default("2026-10"),
    seed: z.string().min(1).default("1"),
    faults: z.boolean().default(false),
    force: z.boolean().default(false),
    rates: ratesSchema.default({}),
    /** Independent parts written side by side (`_<n>` files), one worker each; default: 1, or 2 from 20,000 employers. */
    shards: z.number().int().min(1).max(64).optional(),
  })
  .strict();

export type GenerateOptionsInput = z.input<typeof optionsSchema>;
export type GenerateOptions = z.output<typeof optionsSchema>;

export function parseOptions(input: unknown): GenerateOptions {
  const result = optionsSchema.safeParse(input);
  if (!result.success)
    throw new UserError(
      `invalid generate options: ${result.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ")}`,
    );
  return result.data;
}

export const shardsOf = (options: GenerateOptions) => options.shards ?? (options.employers >= 20_000 ? 2 : 1);

export function ratesOf(options: GenerateOptions): Record<Pattern, number> {
  const rates = { ...DEFAULT_RATES };
  for (const p of PATTERN_NAMES) if (options.rates[p] !== undefined) rates[p] = options.rates[p]!;
  return rates;
}
