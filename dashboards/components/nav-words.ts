// The navigation's short names for the pages whose titles are long: eleven pages must share one line of
// the header at a laptop's width. A page not named here is shown by its title (page.* in the dictionary).
import type { Dictionary } from "./lang.js";

export const NAV_WORDS: Dictionary = {
  collections: { ar: "التحصيل", en: "Collections" },
  employer: { ar: "أصحاب العمل", en: "Employers" },
  billing: { ar: "الفواتير", en: "Billing" },
  findings: { ar: "الملاحظات", en: "Findings" },
};
