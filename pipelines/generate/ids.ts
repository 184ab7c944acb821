// Identifiers that look random but are unique by construction: each comes from a counter pushed
// through a bijection (multiplication by a unit modulo the id space), offset by the seed. Shards of
// a run interleave their counters (shard k of S takes k, k + S, k + 2S, …), so they never collide.
import { mix } from "./prng.ts";
import { luhnCheckDigit as checkDigit } from "../contracts/luhn.ts";

const EMPLOYER_SPACE = 900_000_000;
const EMPLOYER_STEP = 282_475_249; // 7^10, coprime with 2, 3 and 5: a bijection on the 9-digit space
const PERSON_SPACE = 100_000_000;
const PERSON_STEP = 73_939_133; // odd and not a multiple of 5: a bijection modulo 10^8
const CR_SPACE = 1_000_000;
const CR_STEP = 823_543; // 7^7, coprime with 10

/** The registry office prefix of a commercial registration by region (Riyadh 1010, Jeddah 4030, Dammam 2050, …). */
const CR_OFFICE: Record<string, string> = {
  RIYADH: "1010", MAKKAH: "4030", EASTERN: "2050", MADINAH: "4650", QASSIM: "1131", ASIR: "5850", TABUK: "3550",
  HAIL: "3350", NORTHERN_BORDERS: "3450", JAZAN: "5900", NAJRAN: "5950", BAHAH: "5800", JOUF: "3400",
};

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

  /** A national ID (Saudis, starts with 1) or an iqama (residents, starts with 2), Luhn-valid. */
  person(saudi: boolean): string {
    const n = (saudi ? this.saudi++ : this.resident++) * this.shards + this.shard;
    if (n >= PERSON_SPACE) throw new Error("person id space exhausted");
    const body = (saudi ? "1" : "2") + String((n * PERSON_STEP + (saudi ? this.saudiOffset : this.residentOffset)) % PERSON_SPACE).padStart(8, "0");
    return body + checkDigit(body);
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

/** A contributor id whose check digit is wrong (for planted faults). */
export function badCheckDigit(valid: string): string {
  const last = Number(valid[9]);
  return valid.slice(0, 9) + String((last + 1) % 10);
}
