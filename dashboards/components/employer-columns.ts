// The columns of the employer profile's tables, built for one part's row type: a column names a
// field of that part (pipelines/publish/page-data/employer.ts), so a renamed field fails the type check.
import type { EmployerPart, EmployerParts } from "../../pipelines/publish/page-data/employer.ts";
import type { Ctx } from "./context.js";
import { amount, month, shortDate } from "./format.js";
import { code } from "./i18n.js";
import type { Column } from "./table.js";

export type PartRow<P extends EmployerPart> = EmployerParts[P][number];

export function partColumns<R>(ctx: Ctx) {
  type K = Extract<keyof R, string>;
  const s = (r: R, k: K) => (r[k] === null || r[k] === undefined ? null : String(r[k]));
  const money = (key: K, label: string = key): Column<R> => ({
    key,
    label: ctx.w(label),
    numeric: true,
    show: (r) => amount(s(r, key), ctx.lang, ctx.digits),
  });
  return {
    money,
    text: (key: K, label: string = key): Column<R> => ({ key, label: ctx.w(label) }),
    count: (key: K, label: string = key): Column<R> => ({ key, label: ctx.w(label), numeric: true }),
    date: (key: K): Column<R> => ({ key, label: ctx.w(key), show: (r) => shortDate(s(r, key), ctx.lang) }),
    period: (key: K): Column<R> => ({
      key,
      label: ctx.w(key),
      show: (r) => (s(r, key) ? month(s(r, key)!, ctx.lang, ctx.digits) : "—"),
    }),
    coded: (key: K, label: string = key): Column<R> => ({ key, label: ctx.w(label), show: (r) => code(ctx.lang, s(r, key)) }),
    bucket: (key: K): Column<R> => ({ ...money(key), label: code(ctx.lang, key) }),
  };
}
