// The report's HTML building blocks: full-width tables whose number cells align at the end and do not
// wrap, and paragraphs — text escaped, markup passed through only where a cell says so.
import { esc } from "./svg.ts";

export type Cell = string | { html: string; num?: boolean };

const cell = (c: Cell, tag: string) =>
  typeof c === "string" ? `<${tag}>${c}</${tag}>` : `<${tag}${c.num ? ' class="num"' : ""}>${c.html}</${tag}>`;

/** A number cell (markup already escaped). */
export const num = (html: string): Cell => ({ html, num: true });

export const table = (head: Cell[], rows: Cell[][], o: { cls?: string; total?: Cell[] } = {}) =>
  `<table class="${o.cls ?? ""}"><thead><tr>${head.map((h) => cell(h, "th")).join("")}</tr></thead><tbody>` +
  rows.map((r) => `<tr>${r.map((c) => cell(c, "td")).join("")}</tr>`).join("") +
  (o.total ? `<tr class="total">${o.total.map((c) => cell(c, "td")).join("")}</tr>` : "") +
  `</tbody></table>`;

export const para = (s: string, cls = "") => `<p${cls ? ` class="${cls}"` : ""}>${esc(s)}</p>`;
