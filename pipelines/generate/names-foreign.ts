// Name pools of the foreign workforce's nationalities, weighted as in the labour market.
import type { Name, PersonName } from "./names.ts";
import { type Rng, weighted } from "./prng.ts";

interface Nationality {
  male: Name[];
  female: Name[];
  families: Name[];
  femaleShare: number;
}
export const FOREIGN: Record<string, Nationality> = {
  IN: {
    male: [
      ["راجيش", "Rajesh"],
      ["سانجاي", "Sanjay"],
      ["سوريش", "Suresh"],
      ["رافي", "Ravi"],
      ["أنيل", "Anil"],
      ["رفيق", "Rafiq"],
      ["شاجي", "Shaji"],
      ["جوزيف", "Joseph"],
    ],
    female: [
      ["بريا", "Priya"],
      ["ليلى", "Leela"],
    ],
    families: [
      ["كومار", "Kumar"],
      ["شارما", "Sharma"],
      ["ناير", "Nair"],
      ["بيلاي", "Pillai"],
      ["سينغ", "Singh"],
      ["فارغيز", "Varghese"],
    ],
    femaleShare: 0.04,
  },
  PK: {
    male: [
      ["عمران", "Imran"],
      ["عثمان", "Usman"],
      ["بلال", "Bilal"],
      ["شهزاد", "Shahzad"],
      ["وقار", "Waqar"],
    ],
    female: [["عائشة", "Ayesha"]],
    families: [
      ["خان", "Khan"],
      ["حسين", "Hussain"],
      ["أختر", "Akhtar"],
      ["بات", "Butt"],
      ["رانا", "Rana"],
    ],
    femaleShare: 0.02,
  },
  BD: {
    male: [
      ["رحيم", "Rahim"],
      ["كريم", "Karim"],
      ["جمال", "Jamal"],
      ["حبيب", "Habib"],
      ["شفيق", "Shafiq"],
    ],
    female: [["نسرين", "Nasrin"]],
    families: [
      ["رحمن", "Rahman"],
      ["حسين", "Hossain"],
      ["ميا", "Mia"],
      ["إسلام", "Islam"],
      ["أحمد", "Ahmed"],
    ],
    femaleShare: 0.02,
  },
  EG: {
    male: [
      ["أحمد", "Ahmed"],
      ["محمود", "Mahmoud"],
      ["مصطفى", "Mostafa"],
      ["طارق", "Tarek"],
      ["هاني", "Hany"],
    ],
    female: [
      ["منى", "Mona"],
      ["دعاء", "Doaa"],
    ],
    families: [
      ["السيد", "El-Sayed"],
      ["عبدالفتاح", "Abdelfattah"],
      ["حسن", "Hassan"],
      ["إبراهيم", "Ibrahim"],
      ["النجار", "El-Naggar"],
    ],
    femaleShare: 0.06,
  },
  PH: {
    male: [
      ["خوسيه", "Jose"],
      ["مارك", "Mark"],
      ["جون", "John"],
    ],
    female: [
      ["ماريا", "Maria"],
      ["أنجيلا", "Angela"],
    ],
    families: [
      ["سانتوس", "Santos"],
      ["رييس", "Reyes"],
      ["كروز", "Cruz"],
      ["غارسيا", "Garcia"],
      ["باوتيستا", "Bautista"],
    ],
    femaleShare: 0.3,
  },
  YE: {
    male: [
      ["عبده", "Abdo"],
      ["صالح", "Saleh"],
      ["فؤاد", "Fouad"],
    ],
    female: [["أروى", "Arwa"]],
    families: [
      ["الحضرمي", "Al-Hadrami"],
      ["العدني", "Al-Adani"],
      ["اليافعي", "Al-Yafei"],
    ],
    femaleShare: 0.02,
  },
  SD: {
    male: [
      ["عوض", "Awad"],
      ["الطيب", "Eltayeb"],
      ["عثمان", "Osman"],
    ],
    female: [["سلمى", "Salma"]],
    families: [
      ["الأمين", "Elamin"],
      ["إدريس", "Idris"],
      ["موسى", "Musa"],
    ],
    femaleShare: 0.04,
  },
  NP: {
    male: [
      ["رام", "Ram"],
      ["بيكاش", "Bikash"],
      ["سانتوش", "Santosh"],
    ],
    female: [["سيتا", "Sita"]],
    families: [
      ["تامانج", "Tamang"],
      ["غورونغ", "Gurung"],
      ["راي", "Rai"],
    ],
    femaleShare: 0.02,
  },
  JO: {
    male: [
      ["ليث", "Laith"],
      ["عمر", "Omar"],
      ["زيد", "Zaid"],
    ],
    female: [["رنا", "Rana"]],
    families: [
      ["الخطيب", "Al-Khatib"],
      ["العبادي", "Al-Abbadi"],
      ["الزعبي", "Al-Zoubi"],
    ],
    femaleShare: 0.15,
  },
  ID: {
    male: [
      ["أجوس", "Agus"],
      ["بودي", "Budi"],
    ],
    female: [["سري", "Sri"]],
    families: [
      ["سانتوسو", "Santoso"],
      ["ويبوو", "Wibowo"],
    ],
    femaleShare: 0.1,
  },
  LK: {
    male: [
      ["سونيل", "Sunil"],
      ["فيرناندو", "Fernando"],
    ],
    female: [["نيلميني", "Nilmini"]],
    families: [
      ["بيريرا", "Perera"],
      ["سيلفا", "Silva"],
    ],
    femaleShare: 0.1,
  },
};

export const FOREIGN_NATIONALITIES = weighted<string>([
  ["IN", 24],
  ["PK", 15],
  ["BD", 15],
  ["EG", 12],
  ["PH", 7],
  ["YE", 7],
  ["SD", 5],
  ["NP", 5],
  ["JO", 2],
  ["ID", 3],
  ["LK", 2],
]);

export function foreignName(rng: Rng, nationality: string): PersonName {
  const pool = FOREIGN[nationality]!;
  const female = rng.chance(pool.femaleShare);
  const first = rng.pick(female ? pool.female : pool.male);
  const family = rng.pick(pool.families);
  return { ar: `${first[0]} ${family[0]}`, en: `${first[1]} ${family[1]}`, gender: female ? "F" : "M" };
}
