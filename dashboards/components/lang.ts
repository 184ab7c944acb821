// The two languages of the site and the shape of a word list in both: the types every word list
// (i18n.ts, codes.ts) is written against.
export type Lang = "ar" | "en";

export type Dictionary = Record<string, { ar: string; en: string }>;
