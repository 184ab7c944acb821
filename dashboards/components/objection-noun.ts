// The count phrase for objections, in a module of its own: the words (objections-words.ts) are part of the
// dictionary that plural.ts itself depends on.
import type { Counted } from "./plural.js";

/** "3 objections", "3 اعتراضات": the count phrase (plural.ts). */
export const OBJECTION_NOUN: Counted = {
  ar: { zero: "لا اعتراضات", one: "اعتراض واحد", two: "اعتراضان", few: "{n} اعتراضات", many: "{n} اعتراضًا", other: "{n} اعتراض" },
  en: { zero: "no objections", one: "1 objection", other: "{n} objections" },
};
