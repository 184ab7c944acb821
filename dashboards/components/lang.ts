// The two languages and the shape of a word in both; a module of its own so that the dictionaries
// (i18n.ts, codes.ts) can share it without importing each other.
export type Lang = "ar" | "en";

export type Entry = { ar: string; en: string };
export type Dictionary = Record<string, Entry>;
