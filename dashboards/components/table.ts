// A table with a CSV download of all its rows (exact values, not the formatted text), so a reader
// can take any figure's rows into a spreadsheet.
import { h, type Child } from "./dom.js";
import { t, type Lang } from "./i18n.js";

interface ColumnBase<R> {
  label: string;
  /** What the cell shows; defaults to the raw value. */
  show?: (row: R) => Child;
  numeric?: boolean;
}

/**
 * A column is a field of the row (so a field renamed in the page data fails the type check here),
 * or a computed one, which then says how to compute its exact value.
 */
export type Column<R> = ColumnBase<R> &
  (
    | {
        key: Extract<keyof R, string>;
        /** The exact value for the CSV and the cell's data-value; defaults to row[key]. */
        value?: (row: R) => unknown;
      }
    | { key: string; value: (row: R) => unknown }
  );

export interface TableOptions<R> {
  columns: Column<R>[];
  rows: R[];
  lang: Lang;
  /** File name of the CSV download, without extension. */
  csv: string;
  /** Rows shown before "show all" (the CSV always holds every row). */
  limit?: number;
  /** Marks a row (e.g. the one the URL points at). */
  highlight?: (row: R) => boolean;
  rowAttrs?: (row: R) => Record<string, string>;
  /** Every row of a list the table shows only part of (a paged list): fetched for the CSV download. */
  csvRows?: () => Promise<R[]>;
}

const raw = <R>(c: Column<R>, row: R): unknown => (c.value ? c.value(row) : (row as Record<string, unknown>)[c.key]);

export function csvText<R>(columns: Column<R>[], rows: R[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? "" : Array.isArray(v) ? v.join("; ") : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${[columns.map((c) => cell(c.key)).join(","), ...rows.map((r) => columns.map((c) => cell(raw(c, r))).join(","))].join("\n")}\n`;
}

export function dataTable<R>(o: TableOptions<R>): HTMLElement {
  const limit = o.limit ?? 100;
  const body = h("tbody");
  const fill = (all: boolean) => {
    body.replaceChildren(
      ...(all ? o.rows : o.rows.slice(0, limit)).map((r) =>
        h(
          "tr",
          { class: o.highlight?.(r) ? "highlight" : null, ...(o.rowAttrs?.(r) ?? {}) },
          o.columns.map((c) => {
            const v = raw(c, r);
            return h(
              "td",
              {
                class: c.numeric ? "num" : null,
                "data-col": c.key,
                "data-value": c.numeric && v !== null && v !== undefined ? String(v) : null,
              },
              c.show ? c.show(r) : v === null || v === undefined ? "—" : String(v),
            );
          }),
        ),
      ),
    );
  };
  fill(false);
  const more =
    o.rows.length > limit
      ? h(
          "button",
          {
            type: "button",
            class: "more",
            onclick: (e: Event) => {
              fill(true);
              (e.target as HTMLElement).remove();
            },
          },
          `${o.rows.length - limit} …`,
        )
      : null;
  const download = h(
    "button",
    {
      type: "button",
      class: "csv",
      onclick: async () => {
        const rows = o.csvRows ? await o.csvRows() : o.rows;
        const url = URL.createObjectURL(new Blob([`\uFEFF${csvText(o.columns, rows)}`], { type: "text/csv;charset=utf-8" }));
        const a = h("a", { href: url, download: `${o.csv}.csv` });
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      },
    },
    t(o.lang, "download.csv"),
  );
  return h(
    "div",
    { class: "tahseel-table", "data-table": o.csv },
    h("div", { class: "table-tools" }, download),
    h(
      "div",
      { class: "table-scroll" },
      h(
        "table",
        {},
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            o.columns.map((c) => h("th", { class: c.numeric ? "num" : null }, c.label)),
          ),
        ),
        body,
      ),
    ),
    more,
  );
}
