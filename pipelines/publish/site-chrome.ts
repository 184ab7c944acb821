// What surrounds every page of the site, rendered at build time from data/site.json: the language
// and direction of the document, the name and the language switch (which keeps the page's filters),
// the stamp — as-of date (with its Hijri date), run and build time — and the navigation of the
// audience's pages (short names for long titles: nav-words.ts).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dateWithHijri, riyadhTime } from "../../dashboards/components/format.ts";
import { t, type Lang } from "../../dashboards/components/i18n.ts";
import { NAV_WORDS } from "../../dashboards/components/nav-words.ts";
import type { SiteInfo } from "./types.ts";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "/ar/collections" → ["ar", "collections"]; pages outside a language folder count as Arabic. */
export function pageOf(path: string): { lang: Lang; page: string } {
  const [, first, second] = path.split("/");
  if (first === "en" || first === "ar") return { lang: first, page: second || "index" };
  return { lang: "ar", page: first || "index" };
}

export function readSiteInfo(root: string): SiteInfo | undefined {
  const file = join(root, "data", "site.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as SiteInfo) : undefined;
}

export function head(info: SiteInfo | undefined, path: string): string {
  const { lang } = pageOf(path);
  // Set before the body renders, so Arabic pages are laid out right-to-left from the first paint.
  return [
    `<script>document.documentElement.lang=${JSON.stringify(lang)};` +
      `document.documentElement.dir=${JSON.stringify(lang === "ar" ? "rtl" : "ltr")};</script>`,
    `<script>addEventListener("click",function(e){var a=e.target&&e.target.closest&&e.target.closest("a[data-keep-query]");` +
      `if(a)a.href=a.href.split(/[?#]/)[0]+location.search+location.hash;},true);</script>`,
    `<meta name="tahseel-audience" content="${escapeHtml(info?.audience ?? "")}">`,
    // no favicon request: every request a page makes is one the tests can account for
    `<link rel="icon" href="data:,">`,
  ].join("\n");
}

export function header(info: SiteInfo | undefined, path: string): string {
  const { lang, page } = pageOf(path);
  const other: Lang = lang === "ar" ? "en" : "ar";
  const digits = lang === "ar" ? (info?.digits ?? "latn") : "latn";
  const pages = info?.pages ?? ["index"];
  const nav = pages
    .map((p) => {
      const label = NAV_WORDS[p]?.[lang] ?? t(lang, `page.${p}`);
      return `<a href="./${p}.html"${p === page ? ' aria-current="page"' : ""}>${escapeHtml(label)}</a>`;
    })
    .join("");
  const stamp = info?.stamp;
  const stampLine = stamp
    ? `<p class="tahseel-stamp" data-as-of="${stamp.as_of}" data-run-id="${escapeHtml(stamp.run_id)}"` +
      ` data-built-at="${stamp.built_at}" data-audience="${stamp.audience}">` +
      `<span>${escapeHtml(t(lang, "stamp.as_of"))}: <b>${escapeHtml(dateWithHijri(stamp.as_of, lang, digits))}</b></span>` +
      `<span>${escapeHtml(t(lang, "stamp.run"))}: <a href="./health.html?run=${encodeURIComponent(stamp.run_id)}#runs">` +
      `<code>${escapeHtml(stamp.run_id)}</code></a></span>` +
      `<span>${escapeHtml(t(lang, "stamp.built"))}: ${escapeHtml(riyadhTime(stamp.built_at, lang, digits))}</span>` +
      `<span>${escapeHtml(t(lang, "stamp.audience"))}: ${escapeHtml(t(lang, `audience.${stamp.audience}`))}</span></p>`
    : "";
  // Two rows by design: the name and the language switch above the stamp, then the pages as tabs along
  // the header's rule, a row of their own that has the full width for however many pages an audience has.
  return (
    `<div class="tahseel-bar"><a class="tahseel-brand" href="./index.html">${escapeHtml(t(lang, "site"))}</a>` +
    `<a class="tahseel-lang" href="../${other}/${page}.html" hreflang="${other}" lang="${other}" data-keep-query>` +
    `${escapeHtml(t(lang, "lang.other"))}</a></div>` +
    stampLine +
    `<nav class="tahseel-nav">${nav}</nav>`
  );
}

/** Framework's configuration for a staged site (see observablehq.config.ts). */
export function siteConfig(env: NodeJS.ProcessEnv) {
  const root = env.TAHSEEL_SITE_SRC ?? "dashboards";
  const info = readSiteInfo(root);
  return {
    root,
    output: env.TAHSEEL_SITE_OUT ?? "dist",
    title: "Tahseel",
    // the default pulls web fonts from Google; pages must load with no network
    globalStylesheets: [],
    style: "style.css",
    sidebar: false,
    pager: false,
    search: false,
    toc: false,
    preserveExtension: true,
    footer: "",
    head: ({ path }: { path: string }) => head(info, path),
    header: ({ path }: { path: string }) => header(info, path),
  };
}
