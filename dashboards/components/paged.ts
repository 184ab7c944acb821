// A table over a paged list (pipelines/publish/export/paged.ts): the first page is shown, the next
// ones are fetched when the reader asks for more, and the CSV download fetches every page first, so
// the whole list is reachable while no single file grows with the number of employers.
import { h } from "./dom.js";
import { integer } from "./format.js";
import type { Ctx } from "./context.js";
import { dataTable, type TableOptions } from "./table.js";
import type { Page } from "../../pipelines/publish/page-data/paged.ts";
import { fetchShard } from "./url.js";

export type { Page };

export const fetchPage = <R>(base: string, page = 0) => fetchShard<Page<R>>(`${base}/${page}.json`);

/** Every row of a paged list, the pages fetched in order. */
export async function allRows<R>(base: string, first: Page<R>): Promise<R[]> {
  const rest = await Promise.all(Array.from({ length: first.pages - 1 }, (_, i) => fetchPage<R>(base, i + 1)));
  return [...first.rows, ...rest.flatMap((p) => p?.rows ?? [])];
}

export function pagedTable<R>(
  ctx: Ctx,
  base: string,
  first: Page<R>,
  table: Omit<TableOptions<R>, "rows" | "lang" | "csvRows">,
): HTMLElement {
  const holder = h("div", { class: "paged", "data-paged": base, "data-total": first.total });
  let rows = first.rows;
  let loaded = 1;
  const render = () => {
    const more =
      loaded < first.pages
        ? h(
            "button",
            { type: "button", class: "more-pages", onclick: () => void next() },
            `${ctx.w("paged.next")} (${integer(rows.length, ctx.lang, ctx.digits)} / ${integer(first.total, ctx.lang, ctx.digits)})`,
          )
        : null;
    holder.replaceChildren(
      dataTable({
        ...table,
        lang: ctx.lang,
        rows,
        csvRows: loaded < first.pages ? () => allRows(base, first) : undefined,
      }),
      more ?? "",
    );
  };
  const next = async () => {
    const page = await fetchPage<R>(base, loaded);
    rows = [...rows, ...(page?.rows ?? [])];
    loaded++;
    render();
  };
  render();
  return holder;
}
