// Writing the management report: the HTML per language, then its PDF printed by headless Chromium.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Logger } from "../../lib/context.ts";
import { chromiumPath, launchChromium } from "../chromium.ts";
import type { Audience, Digits, Lang } from "../types.ts";
import type { ReportData } from "./data.ts";
import { renderReport } from "./html.ts";
import { reportPdfOptions } from "./pdf.ts";

export type { ReportData } from "./data.ts";

export async function writeReports(
  data: ReportData,
  o: { dir: string; audience: Audience; langs: readonly Lang[]; digits: Digits; pdf: boolean; logger: Logger },
): Promise<string[]> {
  mkdirSync(o.dir, { recursive: true });
  const written: string[] = [];
  const htmls: { lang: Lang; file: string }[] = [];
  for (const lang of o.langs) {
    const file = join(o.dir, `report-${data.stamp.period}-${lang}.html`);
    writeFileSync(file, renderReport(data, lang, o.audience, o.digits));
    htmls.push({ lang, file });
    written.push(file);
  }
  if (!o.pdf) return written;
  if (!chromiumPath()) {
    // the HTML report prints the same; a machine without Chromium still gets its site and report
    o.logger.warn("publish: no Chromium found (apt-get install chromium, or set TAHSEEL_CHROMIUM); the report is HTML only");
    return written;
  }
  const browser = await launchChromium();
  try {
    for (const { lang, file } of htmls) {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      const pdf = file.replace(/\.html$/, ".pdf");
      await page.pdf({ path: pdf, ...reportPdfOptions(data.stamp, lang, lang === "ar" ? o.digits : "latn") });
      await page.close();
      written.push(pdf);
    }
  } finally {
    await browser.close();
  }
  return written;
}
