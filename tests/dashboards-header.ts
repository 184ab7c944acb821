// A check of the dashboards test on the header every page shares: the pages' tabs stay on one line at the
// widths of a laptop and of a small screen (LAYOUT_WIDTHS), however many pages the audience has.
import type { Browser } from "playwright-core";
import { LAYOUT_WIDTHS } from "./dashboards-layout.ts";

/** What is wrong with the navigation of the page at `url` (an empty list when nothing is). */
export async function navigationProblems(browser: Browser, url: string): Promise<string[]> {
  const found: string[] = [];
  for (const width of LAYOUT_WIDTHS) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    try {
      await page.goto(url, { waitUntil: "networkidle" });
      const tops = await page.locator(".tahseel-nav a").evaluateAll((as) => as.map((a) => Math.round(a.getBoundingClientRect().top)));
      if (tops.length < 2) found.push(`${width} px: ${tops.length} navigation link(s)`);
      const lines = new Set(tops).size;
      if (lines > 1) found.push(`${width} px: the ${tops.length} pages' tabs take ${lines} lines`);
    } finally {
      await page.close();
    }
  }
  return found;
}
