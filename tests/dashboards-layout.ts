// Checks of the dashboards test on the layout a reader sees, measured in Chromium on the built site:
// no table (or anything else) wider than its container unless that container scrolls, no two
// neighbouring cells whose text touches, no chart tick labels overlapping each other or cut off by
// the chart's edge — on every page, at the widths of a laptop and of a small screen, in both languages.
import type { Browser, Page } from "playwright-core";
import { screenshot } from "./helpers/browser.ts";

export const LAYOUT_WIDTHS = [1400, 1024] as const;
/** The least gap between the text of two neighbouring cells, in CSS pixels. */
export const CELL_GAP = 6;
/** The least gap between two tick labels side by side on an axis, in CSS pixels. */
export const LABEL_GAP = 4;

/** What is wrong with the layout of the page now open (an empty list when nothing is). */
export async function layoutProblems(page: Page): Promise<string[]> {
  // a TypeScript runner that keeps function names (tsx) wraps the functions below in __name()
  await page.evaluate("globalThis.__name ??= (f) => f");
  return page.evaluate(
    ([cellGap, labelGap]) => {
      const problems: string[] = [];
      const name = (el: Element) => {
        const id = el.id ? `#${el.id}` : "";
        const data = el.getAttribute("data-table") ?? el.getAttribute("data-chart") ?? el.closest("section[id]")?.id ?? "";
        return `${el.tagName.toLowerCase()}${id}${data ? `[${data}]` : ""}`;
      };
      const scrolls = (el: Element) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
      // wider than its container: any element of the page whose content runs past a box that does not scroll
      const root = document.querySelector(".tahseel-page");
      if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1)
        problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${document.documentElement.clientWidth}`);
      for (const el of Array.from(root?.querySelectorAll("table, svg, .chart, .card, section, .tahseel-table, .filters") ?? [])) {
        for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
          if (scrolls(box)) break;
          const over = el.getBoundingClientRect();
          const inner = box.getBoundingClientRect();
          if (over.width > inner.width + 1 && (over.left < inner.left - 1 || over.right > inner.right + 1)) {
            problems.push(
              `${name(el)} (${Math.round(over.width)} px) is wider than ${name(box)} ` +
                `(${Math.round(inner.width)} px), which does not scroll`,
            );
            break;
          }
          if (box === root) break;
        }
      }
      // neighbouring cells: the text of one must not run into the next (first rows of each table)
      const textBox = (cell: Element) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
        if (!rects.length) return null;
        return { left: Math.min(...rects.map((r) => r.left)), right: Math.max(...rects.map((r) => r.right)) };
      };
      for (const table of Array.from(root?.querySelectorAll("table") ?? []))
        for (const row of Array.from(table.querySelectorAll("tr")).slice(0, 12)) {
          const boxes = Array.from(row.children)
            .map((cell) => ({ cell, box: textBox(cell) }))
            .filter((c) => c.box !== null)
            .sort((a, b) => a.box!.left - b.box!.left);
          for (let i = 1; i < boxes.length; i++) {
            const gap = boxes[i]!.box!.left - boxes[i - 1]!.box!.right;
            if (gap < cellGap)
              problems.push(
                `${name(table)}: "${boxes[i - 1]!.cell.textContent}" and "${boxes[i]!.cell.textContent}" are ${gap.toFixed(1)} px apart`,
              );
          }
        }
      // chart axes: tick labels neither overlap one another nor run past the chart
      for (const svg of Array.from(root?.querySelectorAll(".chart svg") ?? [])) {
        const frame = svg.getBoundingClientRect();
        for (const axis of Array.from(svg.querySelectorAll('g[aria-label$="tick label"]'))) {
          const labels = Array.from(axis.querySelectorAll("text")).map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }));
          for (const l of labels)
            if (l.r.left < frame.left - 1 || l.r.right > frame.right + 1 || l.r.top < frame.top - 1 || l.r.bottom > frame.bottom + 1)
              problems.push(`${name(svg.closest(".chart")!)}: tick label "${l.text}" is cut off by the chart's edge`);
          // side by side (an x axis) they need a space between them to read as two; stacked, only not to overlap
          const across = axis.getAttribute("aria-label")!.startsWith("x");
          const room = across ? labelGap : 0;
          for (let i = 0; i < labels.length; i++)
            for (let j = i + 1; j < labels.length; j++) {
              const a = labels[i]!.r;
              const b = labels[j]!.r;
              const apart = across ? Math.max(b.left - a.right, a.left - b.right) : Math.max(b.top - a.bottom, a.top - b.bottom);
              if (apart < room - 0.5)
                problems.push(
                  `${name(svg.closest(".chart")!)}: tick labels "${labels[i]!.text}" and "${labels[j]!.text}" overlap or touch`,
                );
            }
        }
      }
      return problems;
    },
    [CELL_GAP, LABEL_GAP] as const,
  );
}

/** Opens a page at each layout width and returns its problems, keyed by width; leaves a screenshot of each. */
export async function layoutAtWidths(browser: Browser, url: string, ready: string, shot: string): Promise<string[]> {
  const found: string[] = [];
  for (const width of LAYOUT_WIDTHS) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    try {
      await page.goto(url, { waitUntil: "networkidle" });
      await page.waitForSelector(ready, { timeout: 15_000 });
      await screenshot(page, `layout-${shot}-${width}`);
      for (const p of await layoutProblems(page)) found.push(`${width} px: ${p}`);
    } finally {
      await page.close();
    }
  }
  return found;
}
