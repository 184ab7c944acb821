// The scheduler's configuration (config/schedule.json): jobs on cron schedules and where the
// pipeline's files live. Validated with zod; a bad cron expression or a wrong type is reported with
// the file, the line and the field.
import { readFileSync } from "node:fs";
import { validateDetailed } from "node-cron";
import { z } from "zod";
import { UserError } from "../lib/errors.ts";
import { checkJsonSyntax, parseLocatedYaml, parseWith } from "../engine/located-yaml.ts";

export const DEFAULT_SCHEDULE_FILE = "config/schedule.json";
export const STEP_NAMES = ["ingest", "build", "publish"] as const;
export type StepName = (typeof STEP_NAMES)[number];

const Cron = z.string().superRefine((expression, ctx) => {
  const check = validateDetailed(expression);
  if (!check.valid)
    ctx.addIssue({
      code: "custom",
      message:
        `"${expression}" is not a cron expression: ${check.errors.map((e) => e.message).join("; ")} (write minute hour ` +
        `day-of-month month day-of-week, e.g. "30 2 * * *")`,
    });
});

const Timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "not a time zone; use an IANA name such as Asia/Riyadh");

const Job = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, "must be lower-case-with-dashes, e.g. nightly"),
  cron: Cron,
  steps: z
    .array(z.enum(STEP_NAMES, { error: `must be one of ${STEP_NAMES.join(", ")}` }))
    .min(1, "give at least one step")
    .refine(
      (s) => s.every((x, i) => i === 0 || STEP_NAMES.indexOf(x) > STEP_NAMES.indexOf(s[i - 1]!)),
      "steps run in the order ingest, build, publish, each once",
    ),
  /** `latest`: the latest date in the data; `previous_month_end`: the close of the month before the run. */
  as_of: z.enum(["latest", "previous_month_end"]).default("latest"),
  select: z.array(z.string()).optional(),
  enabled: z.boolean().default(true),
});

export const ScheduleConfigSchema = z
  .strictObject({
    description: z.string().optional(),
    timezone: Timezone.default("Asia/Riyadh"),
    db: z.string().min(1).default("data/warehouse.duckdb"),
    inbox: z.string().min(1).default("data/inbox"),
    models: z.string().min(1).default("models"),
    rules: z.string().min(1).default("config/rules.json"),
    lock_dir: z.string().min(1).default("data/locks"),
    alerts_dir: z.string().min(1).default("data/alerts"),
    /** The alerts config (rules folder, cadences, sinks: pipelines/alerts/config.ts); built-in defaults when absent. */
    alerts: z.string().min(1).optional(),
    retry: z
      .strictObject({
        attempts: z.number().int().min(1).max(10).default(3),
        initial_delay_seconds: z.number().min(0).default(60),
        factor: z.number().min(1).default(2),
        max_delay_seconds: z.number().min(0).default(900),
      })
      .prefault({}),
    jobs: z.array(Job).min(1, "give at least one job"),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.jobs.forEach((j, i) => {
      if (seen.has(j.name)) ctx.addIssue({ code: "custom", path: ["jobs", i, "name"], message: `job name "${j.name}" is used twice` });
      seen.add(j.name);
    });
  });

export type ScheduleConfig = z.infer<typeof ScheduleConfigSchema>;
export type JobSpec = ScheduleConfig["jobs"][number];
export type RetryPolicy = ScheduleConfig["retry"];

export function parseScheduleConfig(text: string, file: string): ScheduleConfig {
  const place = { file };
  if (/\.json$/i.test(file)) checkJsonSyntax(text, file);
  return parseWith(ScheduleConfigSchema, parseLocatedYaml(text, place), place);
}

export function loadScheduleConfig(file: string = DEFAULT_SCHEDULE_FILE): ScheduleConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new UserError(`cannot read the schedule config ${file}; create it or pass --config FILE`, { cause });
  }
  return parseScheduleConfig(text, file);
}
