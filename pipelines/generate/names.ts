// Name pools for realistic Arabic (and optional English) names. Every Arabic string here must be
// encodable in Windows-1256, the legacy export encoding: tests/generate-names.test.ts round-trips them.
import { type Rng, weighted } from "./prng.ts";

type Name = readonly [ar: string, en: string];

const SAUDI_MALE: Name[] = [
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
const SAUDI_FEMALE: Name[] = [
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

interface Nationality {
  male: Name[];
  female: Name[];
  families: Name[];
  femaleShare: number;
}

const FOREIGN: Record<string, Nationality> = {
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

export function foreignName(rng: Rng, nationality: string): PersonName {
  const pool = FOREIGN[nationality]!;
  const female = rng.chance(pool.femaleShare);
  const first = rng.pick(female ? pool.female : pool.male);
  const family = rng.pick(pool.families);
  return { ar: `${first[0]} ${family[0]}`, en: `${first[1]} ${family[1]}`, gender: female ? "F" : "M" };
}

const PREFIXES: Name[] = [
  ["شركة", "Co."],
  ["مؤسسة", "Est."],
  ["مجموعة", "Group"],
  ["مكتب", "Office"],
  ["مصنع", "Factory"],
];
const STEMS: Name[] = [
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
const ACTIVITY: Record<string, Name> = {
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
const GOVERNMENT: Name[] = [
  ["هيئة", "Authority"],
  ["أمانة", "Municipality"],
  ["مركز", "Center"],
];
const CITIES: Name[] = [
  ["جدة", "Jeddah"],
  ["الدمام", "Dammam"],
  ["الرياض", "Riyadh"],
  ["أبها", "Abha"],
  ["بريدة", "Buraydah"],
];
const SUFFIXES: Name[] = [
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

/** Every Arabic string the pools can produce a name from (for the Windows-1256 round-trip test). */
export function allArabicFragments(): string[] {
  const names: Name[] = [
    ...SAUDI_MALE,
    ...SAUDI_FEMALE,
    ...SAUDI_FAMILIES,
    ...PREFIXES,
    ...STEMS,
    ...Object.values(ACTIVITY),
    ...GOVERNMENT,
    ...CITIES,
    ...SUFFIXES,
    ...Object.values(FOREIGN).flatMap((n) => [...n.male, ...n.female, ...n.families]),
  ];
  return [...names.map((n) => n[0]), "فرع"];
}
