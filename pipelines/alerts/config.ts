// The alerts configuration (config/alerts.json): where the alert rules live, how often each source is
// expected to deliver, and the sinks every alert goes to. Validated with zod; a wrong type, a webhook URL
// that is not http(s) or a secret's environment variable that is not set is refused with the file, the
// line and the field. The webhook's secret itself never sits in the file: only the name of its variable.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ENTITIES } from "../contracts/index.ts";
import { checkJsonSyntax, parseLocatedYaml, parseWith } from "../engine/located-yaml.ts";
import { UserError } from "../lib/errors.ts";

export const DEFAULT_ALERTS_FILE = "config/alerts.json";
export const DEFAULT_RULES_DIR = "config/alert-rules";

const Hours = z.number({ error: "must be a number of hours, e.g. 36" }).positive("must be more than 0 hours").nullable();

/** Expected cadence per source: hours after its latest delivery that it counts as stale; null watches nothing. */
const StaleAfterHours = z
  .strictObject({
    default: Hours.default(null),
    ...Object.fromEntries(ENTITIES.map((e) => [e.name, Hours.optional()])),
  })
  .prefault({});

const count = (example: number) => z.number({ error: `must be a number, e.g. ${example}` });

const Retry = z
  .strictObject({
    attempts: count(5).int("must be a whole number").min(1, "give at least 1 attempt").max(20, "at most 20 attempts").default(5),
    initial_delay_ms: count(1000).min(0, "must not be negative").default(1000),
    factor: count(2).min(1, "must be 1 or more (1 = the same delay each time)").default(2),
    max_delay_ms: count(60_000).min(0, "must not be negative").default(60_000),
  })
  .prefault({});

const HttpUrl = z.string().refine((u) => {
  try {
    return ["http:", "https:"].includes(new URL(u).protocol);
  } catch {
    return false;
  }
}, "must be an http:// or https:// URL, e.g. https://chat.example.sa/hooks/tahseel");

function sinkSchema(env: Readonly<Record<string, string | undefined>>) {
  const Webhook = z
    .strictObject({
      type: z.literal("webhook"),
      name: z.string().regex(/^[a-z][a-z0-9-]*$/, "must be lower-case-with-dashes, e.g. ops-chat"),
      url: HttpUrl,
      secret_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "must name an environment variable, e.g. TAHSEEL_WEBHOOK_SECRET"),
      timeout_ms: count(10_000).int("must be a whole number").positive("must be more than 0").default(10_000),
      retry: Retry,
    })
    .superRefine((s, ctx) => {
      if (!env[s.secret_env])
        ctx.addIssue({
          code: "custom",
          path: ["secret_env"],
          message: `the environment variable ${s.secret_env} is not set; set it to the webhook's shared secret before running`,
        });
    });
  const Outbox = z.strictObject({ type: z.literal("outbox") });
  return z.discriminatedUnion("type", [Outbox, Webhook], { error: 'type must be "outbox" or "webhook"' });
}

export function alertsConfigSchema(env: Readonly<Record<string, string | undefined>>) {
  return z
    .strictObject({
      description: z.string().optional(),
      rules_dir: z.string().min(1).default(DEFAULT_RULES_DIR),
      stale_after_hours: StaleAfterHours,
      sinks: z.array(sinkSchema(env)).default([{ type: "outbox" }]),
    })
    .superRefine((c, ctx) => {
      const names = new Set<string>();
      c.sinks.forEach((s, i) => {
        if (s.type !== "webhook") return;
        if (names.has(s.name)) ctx.addIssue({ code: "custom", path: ["sinks", i, "name"], message: `sink name "${s.name}" is used twice` });
        names.add(s.name);
      });
    });
}

export type AlertsConfig = z.infer<ReturnType<typeof alertsConfigSchema>>;
export type SinkConfig = AlertsConfig["sinks"][number];
export type WebhookConfig = Extract<SinkConfig, { type: "webhook" }>;

/** The configuration when no file is named: the shipped rules, no source watched for staleness, the outbox. */
export const defaultAlertsConfig = (): AlertsConfig => alertsConfigSchema({}).parse({});

export function parseAlertsConfig(
  text: string,
  file: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): AlertsConfig {
  const place = { file };
  if (/\.json$/i.test(file)) checkJsonSyntax(text, file);
  return parseWith(alertsConfigSchema(env), parseLocatedYaml(text, place), place);
}

export function loadAlertsConfig(file: string, env: Readonly<Record<string, string | undefined>> = process.env): AlertsConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new UserError(`cannot read the alerts config ${file}; create it (see ${DEFAULT_ALERTS_FILE}) or pass another file`, { cause });
  }
  return parseAlertsConfig(text, file, env);
}

/** The cadence that applies to each source, for the staleness rule; sources without one are not watched. */
export function cadenceRows(config: AlertsConfig): { entity: string; hours: number }[] {
  const hours = config.stale_after_hours as Record<string, number | null | undefined>;
  return ENTITIES.flatMap((e) => {
    const h = hours[e.name] === undefined ? hours.default : hours[e.name];
    return h == null ? [] : [{ entity: e.name, hours: h }];
  });
}
