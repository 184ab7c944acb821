// Name pools for realistic Arabic (and optional English) names. Every Arabic string here must be
// encodable in Windows-1256, the legacy export encoding: tests/generate-names.test.ts round-trips them
// (allArabicFragments in names-all.ts).
import type { Rng } from "./prng.ts";

export type Name = readonly [ar: string, en: string];

export const SAUDI_MALE: Name[] = [
  ["محمد", "Mohammed"],
  ["عبدالله", "Abdullah"],
  ["عبدالرحمن", "Abdulrahman"],
  ["فهد", "Fahad"],
  ["خالد", "Khalid"],
  ["سعود", "Saud"],
  ["سلطان", "Sultan"],
  ["تركي", "Turki"],
  ["فيصل", "Faisal"],
  ["عبدالعزيز", "Abdulaziz"],
  ["ناصر", "Nasser"],
  ["سعد", "Saad"],
  ["بندر", "Bandar"],
  ["ماجد", "Majed"],
  ["نايف", "Naif"],
  ["عمر", "Omar"],
  ["يوسف", "Yousef"],
  ["إبراهيم", "Ibrahim"],
  ["أحمد", "Ahmed"],
  ["علي", "Ali"],
  ["حمد", "Hamad"],
  ["مشعل", "Mishal"],
  ["راشد", "Rashid"],
  ["ياسر", "Yasser"],
  ["وليد", "Waleed"],
  ["زياد", "Ziyad"],
  ["منصور", "Mansour"],
  ["سلمان", "Salman"],
  ["بدر", "Badr"],
  ["طلال", "Talal"],
];
export const SAUDI_FEMALE: Name[] = [
  ["نورة", "Noura"],
  ["سارة", "Sarah"],
  ["فاطمة", "Fatimah"],
  ["مها", "Maha"],
  ["ريم", "Reem"],
  ["هيفاء", "Haifa"],
  ["العنود", "Alanoud"],
  ["لطيفة", "Latifa"],
  ["منيرة", "Munira"],
  ["أمل", "Amal"],
  ["هند", "Hind"],
  ["الجوهرة", "Aljawhara"],
  ["شهد", "Shahad"],
  ["رهف", "Rahaf"],
  ["لمى", "Lama"],
  ["دانة", "Dana"],
  ["عبير", "Abeer"],
  ["أسماء", "Asma"],
  ["خلود", "Kholoud"],
  ["جواهر", "Jawaher"],
];
export const SAUDI_FAMILIES: Name[] = [
  ["القحطاني", "Al-Qahtani"],
  ["العتيبي", "Al-Otaibi"],
  ["الشمري", "Al-Shammari"],
  ["الدوسري", "Al-Dosari"],
  ["الغامدي", "Al-Ghamdi"],
  ["الزهراني", "Al-Zahrani"],
  ["الحربي", "Al-Harbi"],
  ["المطيري", "Al-Mutairi"],
  ["السبيعي", "Al-Subaie"],
  ["العنزي", "Al-Anazi"],
  ["الشهري", "Al-Shehri"],
  ["المالكي", "Al-Malki"],
  ["البقمي", "Al-Buqami"],
  ["السهلي", "Al-Sahli"],
  ["العمري", "Al-Omari"],
  ["الجهني", "Al-Juhani"],
  ["الرشيدي", "Al-Rashidi"],
  ["اليامي", "Al-Yami"],
  ["الأحمدي", "Al-Ahmadi"],
  ["السديري", "Al-Sudairi"],
  ["التميمي", "Al-Tamimi"],
  ["الخالدي", "Al-Khalidi"],
  ["الفيفي", "Al-Faifi"],
  ["البلوي", "Al-Balawi"],
  ["العسيري", "Al-Asiri"],
  ["الحارثي", "Al-Harthi"],
  ["الشهراني", "Al-Shahrani"],
  ["المري", "Al-Marri"],
  ["الهاجري", "Al-Hajri"],
  ["العجمي", "Al-Ajmi"],
];

export interface PersonName {
  ar: string;
  en: string;
  gender: "M" | "F";
}

export function saudiName(rng: Rng, femaleShare: number): PersonName {
  const female = rng.chance(femaleShare);
  const first = rng.pick(female ? SAUDI_FEMALE : SAUDI_MALE);
  const father = rng.pick(SAUDI_MALE);
  const family = rng.pick(SAUDI_FAMILIES);
  return {
    ar: `${first[0]} ${father[0]} ${family[0]}`,
    en: `${first[1]} ${father[1]} ${family[1]}`,
    gender: female ? "F" : "M",
  };
}
