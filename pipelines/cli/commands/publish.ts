// `tahseel publish`: the dashboards (a static site per audience) and the monthly management report.
import { DEFAULT_DB, listOption, stringOption, type Command } from "../command.ts";
import { UserError } from "../../lib/errors.ts";
import { publish } from "../../publish/index.ts";
import { AUDIENCES, LANGS, type Audience, type Digits, type Lang } from "../../publish/types.ts";

export const DEFAULT_PUBLISH_OUT = "data/published";

function oneOf<T extends string>(values: string[], allowed: readonly T[], option: string): T[] {
  for (const v of values) if (!allowed.includes(v as T)) throw new UserError(`--${option} ${v} is not one of ${allowed.join(", ")}`);
  return values as T[];
}

export const publishCommand: Command = {
  name: "publish",
  summary: "export the dashboard data, build the static site and the management report",
  usage:
    "tahseel publish [--db FILE] [--out DIR] [--audience management|audit …] [--lang ar|en …] [--digits latn|arab] [--period YYYY-MM] " +
    "[--models DIR] [--no-pdf] [--json]\n" +
    "  builds both audiences and both languages unless told otherwise; each into OUT/<audience>/ (site/, report/, manifest.json)",
  options: {
    db: { type: "string" },
    out: { type: "string" },
    audience: { type: "string", multiple: true },
    lang: { type: "string", multiple: true },
    digits: { type: "string" },
    period: { type: "string" },
    models: { type: "string" },
    "no-pdf": { type: "boolean" },
  },
  async run(options, positionals, context) {
    if (positionals.length) throw new UserError(`unexpected argument ${positionals[0]}`);
    const audiences = oneOf<Audience>(listOption(options, "audience"), AUDIENCES, "audience");
    const langs = oneOf<Lang>(listOption(options, "lang"), LANGS, "lang");
    const digits = oneOf<Digits>(listOption(options, "digits"), ["latn", "arab"], "digits")[0];
    const period = stringOption(options, "period");
    if (period && !/^\d{4}-\d{2}$/.test(period)) throw new UserError(`--period ${period} is not YYYY-MM`);
    const results = await publish(
      {
        db: stringOption(options, "db", DEFAULT_DB),
        out: stringOption(options, "out", DEFAULT_PUBLISH_OUT),
        audiences: audiences.length ? audiences : AUDIENCES,
        langs: langs.length ? langs : LANGS,
        digits,
        period,
        modelsDir: stringOption(options, "models"),
        noPdf: options["no-pdf"] === true,
      },
      context,
    );
    return { result: results };
  },
};
