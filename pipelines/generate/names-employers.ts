// Establishments' names: a legal-form prefix, the owner's family or a stem, the sector's activity,
// now and then a brand in quotes or a branch after a comma.
import { type Name, SAUDI_FAMILIES } from "./names.ts";
import type { Rng } from "./prng.ts";

export const PREFIXES: Name[] = [
  ["شركة", "Co."],
  ["مؤسسة", "Est."],
  ["مجموعة", "Group"],
  ["مكتب", "Office"],
  ["مصنع", "Factory"],
];
export const STEMS: Name[] = [
  ["النور", "Al-Nour"],
  ["الأفق", "Al-Ofoq"],
  ["الرواد", "Al-Rowad"],
  ["البناء", "Al-Binaa"],
  ["الخليج", "Al-Khaleej"],
  ["المستقبل", "Al-Mustaqbal"],
  ["الصفوة", "Al-Safwa"],
  ["الوطنية", "Al-Wataniya"],
  ["السلام", "Al-Salam"],
  ["الريادة", "Al-Riyada"],
  ["النخبة", "Al-Nukhba"],
  ["الجزيرة", "Al-Jazeera"],
  ["الواحة", "Al-Waha"],
  ["الإتقان", "Al-Itqan"],
  ["الفجر", "Al-Fajr"],
];
export const ACTIVITY: Record<string, Name> = {
  A: ["للزراعة", "Agriculture"],
  B: ["للتعدين", "Mining"],
  C: ["للصناعة", "Industries"],
  D: ["للطاقة", "Energy"],
  E: ["لخدمات المياه", "Water Services"],
  F: ["للمقاولات", "Contracting"],
  G: ["للتجارة", "Trading"],
  H: ["للنقل والخدمات اللوجستية", "Logistics"],
  I: ["للضيافة", "Hospitality"],
  J: ["لتقنية المعلومات", "IT"],
  K: ["للاستثمار", "Investment"],
  L: ["العقارية", "Real Estate"],
  M: ["للاستشارات", "Consulting"],
  N: ["للخدمات المساندة", "Support Services"],
  O: ["للخدمات الحكومية", "Public Services"],
  P: ["التعليمية", "Education"],
  Q: ["الطبية", "Medical"],
  R: ["للترفيه", "Entertainment"],
  S: ["للخدمات", "Services"],
  T: ["للخدمات المنزلية", "Home Services"],
  U: ["الدولية", "International"],
};
export const GOVERNMENT: Name[] = [
  ["هيئة", "Authority"],
  ["أمانة", "Municipality"],
  ["مركز", "Center"],
];
export const CITIES: Name[] = [
  ["جدة", "Jeddah"],
  ["الدمام", "Dammam"],
  ["الرياض", "Riyadh"],
  ["أبها", "Abha"],
  ["بريدة", "Buraydah"],
];
export const SUFFIXES: Name[] = [
  ["المحدودة", "Ltd"],
  ["ذ.م.م", "LLC"],
];

export interface EmployerName {
  ar: string;
  en: string;
  family: Name;
}

/**
 * An establishment's name. Some carry an ASCII comma (a branch) or double quotes (a brand), as
 * real exports do, so the CSV quoting is exercised. Sister companies share `family`.
 */
export function employerName(rng: Rng, sector: string, government: boolean, family?: Name): EmployerName {
  const owner = family ?? rng.pick(SAUDI_FAMILIES);
  const activity = ACTIVITY[sector]!;
  if (government) {
    const kind = rng.pick(GOVERNMENT);
    const stem = rng.pick(STEMS);
    return { ar: `${kind[0]} ${stem[0]} ${activity[0]}`, en: `${stem[1]} ${activity[1]} ${kind[1]}`, family: owner };
  }
  const prefix = rng.pick(PREFIXES);
  const byOwner = family !== undefined || rng.chance(0.35);
  const stem: Name = byOwner ? owner : rng.pick(STEMS);
  let ar = `${prefix[0]} ${stem[0]} ${activity[0]}`;
  let en = `${stem[1]} ${activity[1]} ${prefix[1]}`;
  const flourish = rng.float();
  if (flourish < 0.06) {
    ar = `${prefix[0]} "${stem[0]}" ${activity[0]}`;
    en = `"${stem[1]}" ${activity[1]} ${prefix[1]}`;
  } else if (flourish < 0.12) {
    const city = rng.pick(CITIES);
    ar = `${ar}, فرع ${city[0]}`;
    en = `${en}, ${city[1]} Branch`;
  } else if (flourish < 0.25) {
    const suffix = rng.pick(SUFFIXES);
    ar = `${ar} ${suffix[0]}`;
    en = `${en} ${suffix[1]}`;
  }
  return { ar, en, family: owner };
}
