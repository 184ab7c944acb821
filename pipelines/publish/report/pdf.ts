// The PDF's running header and footer, printed by Chromium on every page (displayHeaderFooter): the
// report and its month, the classification, the as-of date, the run id and "page N of M". Chromium
// renders the templates apart from the document, so they carry their own direction, font and size.
import { gregorian, month, type Digits } from "../../../dashboards/components/format.ts";
import { t } from "../../../dashboards/components/i18n.ts";
import type { Lang, Stamp } from "../types.ts";
import { esc } from "./svg.ts";
import { w } from "./words.ts";

const box = (lang: Lang, body: string) =>
  `<div dir="${lang === "ar" ? "rtl" : "ltr"}" style="width:100%;margin:0 13mm;font-family:'DejaVu Sans','Noto Sans Arabic',sans-serif;` +
  `font-size:7.5pt;color:#555;display:flex;justify-content:space-between;align-items:center;gap:8pt;` +
  `-webkit-print-color-adjust:exact">${body}</div>`;

export function headerTemplate(stamp: Stamp, lang: Lang, digits: Digits): string {
  return box(
    lang,
    `<span>${esc(t(lang, "report.title"))} — ${esc(month(stamp.period, lang, digits))}</span>` +
      `<span style="color:#8e0b0b;font-weight:bold">${esc(w(lang, "classification"))}</span>`,
  );
}

export function footerTemplate(stamp: Stamp, lang: Lang, digits: Digits): string {
  return box(
    lang,
    `<span>${esc(t(lang, "stamp.as_of"))}: ${esc(gregorian(stamp.as_of, lang, digits))} · ${esc(t(lang, "stamp.run"))}: ` +
      `<span dir="ltr">${esc(stamp.run_id)}</span> · ${esc(w(lang, "classification"))}</span>` +
      `<span style="white-space:nowrap">${esc(w(lang, "page"))} <span class="pageNumber"></span> ` +
      `${esc(w(lang, "of"))} <span class="totalPages"></span></span>`,
  );
}

/** page.pdf's options for the report: A4 from the stylesheet's @page, backgrounds, running header and footer. */
export function reportPdfOptions(stamp: Stamp, lang: Lang, digits: Digits) {
  return {
    format: "A4",
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(stamp, lang, digits),
    footerTemplate: footerTemplate(stamp, lang, digits),
  } as const;
}
