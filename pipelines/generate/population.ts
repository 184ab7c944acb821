// Who is in the world: billing accounts drawn to the facts of rules.md §7 (mostly micro
// establishments, 49% of contributors in Riyadh, a Saudi share that depends on the sector), and the
// people they insure, with national IDs or iqamas and birth and first-registration dates.
import { REGIONS } from "../contracts/registration.ts";
import { addYears, dayOf, instant, type Day, type Instant } from "./calendar.ts";
import { employerName } from "./names-employers.ts";
import { FOREIGN_NATIONALITIES, foreignName } from "./names-foreign.ts";
import { saudiName } from "./names.ts";
import { mix, Rng, weighted } from "./prng.ts";
import { newIdCounters, type Compliance, type Employer, type Payer, type Person, type SizeClass, type World } from "./model.ts";

const GOLDEN = 0.6180339887498949;
type Region = (typeof REGIONS)[number];

// Shares of accounts by size class (about 1.5 of 1.7 million establishments are micro), walked with a
// golden-ratio sequence so even 50 employers get the proportions, not a lucky draw.
const CLASS_EDGES: [SizeClass | "optional", number][] = [
  ["giant", 0.00015],
  ["large", 0.0015],
  ["medium", 0.011],
  ["small", 0.085],
  ["optional", 0.021],
  ["micro", 1],
];

const MICRO_SIZES = weighted<number>([
  [1, 40],
  [2, 22],
  [3, 12],
  [4, 8],
  [5, 6],
  [6, 4],
  [7, 3],
  [8, 3],
  [9, 2],
]);
const SIZE_RANGE: Record<Exclude<SizeClass, "micro">, [number, number, number]> = {
  small: [10, 49, 1.6],
  medium: [50, 499, 2.4],
  large: [500, 2999, 2.5],
  giant: [3000, 30000, 3],
};

const REGION_SMALL = weighted<Region>([
  ["RIYADH", 42],
  ["MAKKAH", 22],
  ["EASTERN", 15],
  ["MADINAH", 5],
  ["QASSIM", 4],
  ["ASIR", 4],
  ["TABUK", 1.5],
  ["HAIL", 1.5],
  ["JAZAN", 2],
  ["NAJRAN", 1],
  ["NORTHERN_BORDERS", 0.7],
  ["BAHAH", 0.7],
  ["JOUF", 1],
]);
const REGION_LARGE = weighted<Region>([
  ["RIYADH", 58],
  ["MAKKAH", 18],
  ["EASTERN", 16],
  ["MADINAH", 3],
  ["QASSIM", 2],
  ["ASIR", 2],
  ["TABUK", 1],
]);

const SECTORS = weighted<string>([
  ["G", 30],
  ["F", 18],
  ["C", 8],
  ["I", 8],
  ["S", 7],
  ["N", 5],
  ["H", 4],
  ["M", 4],
  ["Q", 3],
  ["P", 3],
  ["J", 2],
  ["K", 1],
  ["L", 2],
  ["A", 1.5],
  ["B", 0.3],
  ["D", 0.2],
  ["E", 0.5],
  ["R", 1],
  ["O", 0.5],
  ["T", 1],
  ["U", 0.1],
]);
const SAUDI_HEAVY = new Set(["J", "K", "M", "Q", "P", "O", "D", "B"]);

const PAYERS = weighted<Payer>([
  ["punctual", 55],
  ["overpayer", 7],
  ["late", 20],
  ["partial", 10],
  ["defaulter", 8],
]);

function sizeOf(rng: Rng, size: SizeClass): number {
  if (size === "micro") return rng.weighted(MICRO_SIZES);
  const [lo, hi, skew] = SIZE_RANGE[size];
  return Math.round(lo * (hi / lo) ** (rng.float() ** skew));
}

/** An account drawn from its index alone, so the next one can be looked at before it is simulated. */
export function drawEmployer(world: Pick<World, "seed" | "window" | "ids">, index: number): Employer {
  const rng = new Rng(mix(world.seed, index, 1));
  const u = (0.5 + (index + 1) * GOLDEN + mix(world.seed, 2) / 4294967296) % 1;
  let acc = 0;
  let cls: SizeClass | "optional" = "micro";
  for (const [c, share] of CLASS_EDGES) {
    acc += share;
    if (u < acc) {
      cls = c;
      break;
    }
  }
  const optional = cls === "optional";
  const size: SizeClass = cls === "optional" ? "micro" : cls;
  const big = size === "large" || size === "giant" || size === "medium";
  const sector = optional ? "S" : rng.weighted(SECTORS);
  const region = rng.weighted(big ? REGION_LARGE : REGION_SMALL);
  const legalForm: Employer["legalForm"] = optional
    ? "individual"
    : sector === "O"
      ? "government"
      : sector === "U"
        ? "foreign_branch"
        : rng.weighted(LEGAL_FORMS);
  const government = legalForm === "government";
  const { window } = world;
  const newInWindow = !optional && rng.chance(0.06);
  const registered: Day = newInWindow
    ? rng.int(window.start, window.start + Math.max(0, window.horizon - window.start - 75))
    : window.start - 30 - Math.floor(rng.float() ** 2 * 365 * 40);
  const payer = optional ? (rng.chance(0.8) ? "punctual" : "late") : rng.weighted(PAYERS);
  const compliance: Compliance = payer === "defaulter" ? (rng.chance(0.6) ? "poor" : "fair") : rng.weighted(COMPLIANCE);
  const id = world.ids.employerId(index);
  const name = employerName(rng, sector, government);
  const span = window.horizon - window.start;
  const closable = !optional && (size === "micro" || size === "small") && !newInWindow;
  return {
    index,
    id,
    sector,
    region,
    legalForm,
    size,
    payer,
    compliance,
    rng,
    registered,
    accountType: optional ? "optional_subscriber" : "establishment",
    crNumber: optional || government ? null : "",
    name,
    nameEn: rng.chance(0.7) ? name.en : null,
    headcount: optional ? 1 : sizeOf(rng, size),
    saudiShare: optional ? 1 : government ? 0.85 : legalForm === "semi_government" ? 0.6 : SAUDI_HEAVY.has(sector) ? 0.45 : 0.14,
    channel: optional || size === "micro" || (size === "small" && rng.chance(0.5)) ? "portal" : "api",
    declareDay: rng.int(18, 28),
    closed: closable && rng.chance((0.02 * span) / 365) ? window.start + rng.int(40, span - 30) : null,
    suspended: suspension(!optional && rng.chance((0.01 * span) / 365), window.start + rng.int(20, span - 20), registered),
    suspendedBefore: !optional && !newInWindow && rng.chance(0.01) ? window.start - rng.int(10, 300) : null,
    seq: newIdCounters(),
  };
}

/** A suspension on `day`, if drawn and after the account exists. */
const suspension = (drawn: boolean, day: Day, registered: Day): Day | null => (drawn && day > registered + 30 ? day : null);

const LEGAL_FORMS = weighted<Employer["legalForm"]>([
  ["private", 86],
  ["individual", 6],
  ["non_profit", 2.5],
  ["foreign_branch", 2],
  ["semi_government", 1],
  ["government", 0.5],
]);
const COMPLIANCE = weighted<Compliance>([
  ["good", 72],
  ["fair", 20],
  ["poor", 8],
]);

/** Gives an account its commercial registration; kept apart so ids are allocated in employer order. */
export function assignCr(world: World, employer: Employer): void {
  if (employer.crNumber === "") employer.crNumber = world.ids.crNumber(employer.region);
}

export const ALL_REGIONS = REGIONS;

export interface PersonSpec {
  saudi: boolean;
  /** The day the person joins (ages are counted from it). */
  join: Day;
  registeredAt: Instant;
  /** First job ever: first registered on the joining day (so a Saudi joins the new-regime cohort after 2024-07-03). */
  firstTimer?: boolean;
  age?: number;
}

const EARLIEST_REGISTRATION = dayOf(1985, 1, 1);

export function newPerson(world: World, rng: Rng, spec: PersonSpec): Person {
  const nationality = spec.saudi ? "SA" : rng.weighted(FOREIGN_NATIONALITIES);
  const name = spec.saudi ? saudiName(rng, 0.33) : foreignName(rng, nationality);
  const age = spec.age ?? (spec.firstTimer ? rng.int(19, 27) : spec.saudi ? 20 + Math.floor(38 * rng.float() ** 1.3) : rng.int(22, 55));
  const birth = addYears(spec.join, -age) - rng.int(1, 360);
  let firstRegistered = spec.join;
  if (!spec.firstTimer) {
    const earliest = Math.max(addYears(birth, 18), EARLIEST_REGISTRATION);
    if (earliest < spec.join) firstRegistered = earliest + Math.floor(rng.float() ** 0.7 * (spec.join - earliest));
  }
  world.counts.contributors = (world.counts.contributors ?? 0) + 1;
  return {
    id: world.ids.person(spec.saudi),
    saudi: spec.saudi,
    nationality,
    nameAr: name.ar,
    nameEn: rng.chance(0.75) ? name.en : null,
    gender: name.gender,
    birth,
    firstRegistered,
    registeredAt: spec.registeredAt,
  };
}

export const registrationInstant = (day: Day, rng: Rng): Instant => instant(day, rng.int(8 * 3600, 17 * 3600));
