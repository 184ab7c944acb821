// Identifiers that look random but are unique by construction: each comes from a counter pushed
// through a bijection (multiplication by a unit modulo the id space), offset by the seed. Shards of
// a run interleave their counters (shard k of S takes k, k + S, k + 2S, …), so they never collide.
import { mix } from "./prng.ts";

const EMPLOYER_SPACE = 900_000_000;
const EMPLOYER_STEP = 282_475_249; // 7^10, coprime with 2, 3 and 5: a bijection on the 9-digit space
const PERSON_SPACE = 100_000_000;
const PERSON_STEP = 73_939_133; // odd and not a multiple of 5: a bijection modulo 10^8
const CR_SPACE = 1_000_000;
const CR_STEP = 823_543; // 7^7, coprime with 10

/** The registry office prefix of a commercial registration by region (Riyadh 1010, Jeddah 4030, Dammam 2050, …). */
const CR_OFFICE: Record<string, string> = {
  RIYADH: "1010",
  MAKKAH: "4030",
  EASTERN: "2050",
  MADINAH: "4650",
  QASSIM: "1131",
  ASIR: "5850",
  TABUK: "3550",
  HAIL: "3350",
  NORTHERN_BORDERS: "3450",
  JAZAN: "5900",
  NAJRAN: "5950",
  BAHAH: "5800",
  JOUF: "3400",
};

const DIGITS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
/** `000` … `999`: pieces of ids (short concatenations are flat copies, no rope nodes). */
const TRIPLES = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));

export class Ids {
  private saudi = 0;
  private resident = 0;
  private readonly crCounters = new Map<string, number>();
  private readonly saudiOffset: number;
  private readonly residentOffset: number;
  private readonly employerOffset: number;
  private readonly crOffset: number;

  constructor(
    seed: number,
    private readonly shard = 0,
    private readonly shards = 1,
  ) {
    this.saudiOffset = mix(seed, 11) % PERSON_SPACE;
    this.residentOffset = mix(seed, 14) % PERSON_SPACE;
    this.employerOffset = mix(seed, 12) % EMPLOYER_SPACE;
    this.crOffset = mix(seed, 13) % CR_SPACE;
  }

  employerId(index: number): string {
    return String(100_000_000 + ((index * EMPLOYER_STEP + this.employerOffset) % EMPLOYER_SPACE));
  }

  /**
   * A national ID (Saudis, starts with 1) or an iqama (residents, starts with 2), Luhn-valid. The
   * nine-digit body and its check digit are worked out on the number and the text is put together
   * from three-digit pieces: every id is new, so a number-to-text conversion never met V8's cache
   * and went to the runtime (and for a ten-digit number, above 2^31, to its floating-point path).
   */
  person(saudi: boolean): string {
    const n = (saudi ? this.saudi++ : this.resident++) * this.shards + this.shard;
    if (n >= PERSON_SPACE) throw new Error("person id space exhausted");
    // Below 3 × 10^8, so `| 0` is exact and the digit arithmetic stays in integers.
    const body =
      ((saudi ? 1 : 2) * PERSON_SPACE + ((n * PERSON_STEP + (saudi ? this.saudiOffset : this.residentOffset)) % PERSON_SPACE)) | 0;
    const thousands = (body / 1000) | 0;
    return TRIPLES[(thousands / 1000) | 0]! + TRIPLES[thousands % 1000]! + TRIPLES[body % 1000]! + DIGITS[luhnCheckOf(body)]!;
  }

  /** A 10-digit commercial registration, unique within its registry office. */
  crNumber(region: string): string {
    const local = this.crCounters.get(region) ?? 0;
    this.crCounters.set(region, local + 1);
    const n = (local * this.shards + this.shard) % CR_SPACE;
    const office = CR_OFFICE[region]!;
    return office + String((n * CR_STEP + this.crOffset + Number(office) * 7) % CR_SPACE).padStart(6, "0");
  }
}

/** `luhnCheckDigit` of a body given as a number (its digits, no leading zeros): the same digit, as a number. */
export function luhnCheckOf(body: number): number {
  if (!(body >= 0 && body < 2 ** 31)) throw new Error(`not an id body (a non-negative integer below 2^31): ${body}`);
  let sum = 0;
  // From the right, the body's last digit is second in the full id: it is doubled, and every other one after it.
  // Bodies are nine digits, below 2^31: `| 0` keeps the division by ten in integer arithmetic.
  for (let rest = body | 0, doubled = true; rest > 0; rest = (rest / 10) | 0, doubled = !doubled) {
    let d = rest % 10;
    if (doubled) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Sequence numbers below this keep their padded text (ids repeat them for every employer). */
const PADDED_CACHED = 10_000;
const paddedTexts: (string | undefined)[][] = [];

/** `String(n).padStart(width, "0")` for a counter n ≥ 0, from a cache: every employer numbers its rows 1, 2, 3, … */
export function zeroPadded(n: number, width: number): string {
  if (n >= PADDED_CACHED) return String(n).padStart(width, "0");
  let texts = paddedTexts[width];
  // Filled up front: an empty array written out of order turns into a dictionary.
  if (texts === undefined) paddedTexts[width] = texts = new Array<string | undefined>(PADDED_CACHED).fill(undefined);
  let text = texts[n];
  if (text === undefined) texts[n] = text = String(n).padStart(width, "0");
  return text;
}

/** A contributor id whose check digit is wrong (for planted faults). */
export function badCheckDigit(valid: string): string {
  const last = Number(valid[9]);
  return valid.slice(0, 9) + String((last + 1) % 10);
}
