// What every page component is given: the language, the digits to write numbers with, and the
// site's own description (audience, pages, stamp).
import type { SiteInfo } from "../../pipelines/publish/types.ts";
import type { Digits } from "./format.js";
import { t, type Lang } from "./i18n.js";

export type { SiteInfo };

export interface Ctx {
  lang: Lang;
  digits: Digits;
  site: SiteInfo;
  /** The word for a UI key in the page's language. */
  w: (key: string) => string;
  /** Whether the build holds per-employer detail. */
  audit: boolean;
  has: (page: string) => boolean;
}

export function context(site: SiteInfo, lang: Lang): Ctx {
  return {
    lang,
    digits: lang === "ar" ? site.digits : "latn",
    site,
    w: (key) => t(lang, key),
    audit: site.audience === "audit",
    has: (page) => site.pages.includes(page),
  };
}
