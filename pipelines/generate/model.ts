// The synthetic world's shapes, shared by the modules that simulate one employer at a time.
import type { CompiledRules } from "../rules/contribution.ts";
import type { Day, Instant, Month } from "./calendar.ts";
import type { Deliveries } from "./deliveries.ts";
import type { Planter } from "./anomalies.ts";
import type { Staff } from "./staff.ts";
import type { Ids } from "./ids.ts";
import type { Window } from "./schedule.ts";
import type { Rng } from "./prng.ts";
import type { EmployerName } from "./names-employers.ts";
import type { REGIONS } from "../contracts/registration.ts";

export type SizeClass = "micro" | "small" | "medium" | "large" | "giant";
export type Payer = "punctual" | "overpayer" | "late" | "partial" | "defaulter";
export type Compliance = "good" | "fair" | "poor";

export interface World {
  seed: number;
  window: Window;
  rules: CompiledRules;
  out: Deliveries;
  planter: Planter;
  staff: Staff;
  ids: Ids;
  employerCount: number;
  /** Events counted for the summary. */
  counts: Record<string, number>;
}

export interface Person {
  id: string;
  saudi: boolean;
  nationality: string;
  nameAr: string;
  nameEn: string | null;
  gender: "M" | "F";
  birth: Day;
  firstRegistered: Day;
  /** When the contributor row became available (its registration delivery follows). */
  registeredAt: Instant;
}

export interface Engagement {
  id: string;
  person: Person;
  scheme: "mandatory" | "optional";
  occupation: string | null;
  join: Day;
  /** Last day covered; null while engaged (as far as the horizon sees). */
  leave: Day | null;
  /** The contributory wage (basic + housing) at the start, in halalas. */
  wage: number;
  /** How the wage splits: share of it that is housing allowance, in percent (0 = none). */
  housingPercent: number;
  /** A plan that rewrites the wage from a month on (anomalies); applied after raises. */
  wageFrom?: { month: Month; wage: number };
  /** One month's declared basic/housing replaced (human error). */
  slip?: { month: Month; kind: "times_ten" | "swapped" };
  /** Registered by another employer of this run: no contributor row to write here. */
  borrowed?: boolean;
}

export interface Employer {
  index: number;
  id: string;
  accountType: "establishment" | "optional_subscriber";
  crNumber: string | null;
  name: EmployerName;
  nameEn: string | null;
  legalForm: "private" | "government" | "semi_government" | "non_profit" | "foreign_branch" | "individual";
  sector: string;
  region: (typeof REGIONS)[number];
  registered: Day;
  size: SizeClass;
  headcount: number;
  saudiShare: number;
  compliance: Compliance;
  payer: Payer;
  /** Declares through the portal (an employer user) or through the wage-protection integration. */
  channel: "portal" | "api";
  /** Usual day of the month on which wages are declared. */
  declareDay: number;
  /** Status changes within the window (closure ends every engagement). */
  closed: Day | null;
  suspended: Day | null;
  /** Suspended before the window (initial snapshot). */
  suspendedBefore: Day | null;
  rng: Rng;
  /** A counter per id family (engagements, payments, …), so ids are unique without global state. */
  seq: IdCounters;
}

/**
 * The last number used by each id family. Every family is there from the start and each call site
 * names its own (`++e.seq.payment`): with a family passed as a key, the one shared property access
 * saw every family and every key order, and went megamorphic on the hot path.
 */
export interface IdCounters {
  engagement: number;
  payment: number;
  activity: number;
  adjustment: number;
  dispute: number;
  plan: number;
}

export const newIdCounters = (): IdCounters => ({
  engagement: 0,
  payment: 0,
  activity: 0,
  adjustment: 0,
  dispute: 0,
  plan: 0,
});

/** What one employer passes to the next: the only coupling between employers (sister firms, ghosts, misposted money). */
export interface Handoff {
  sister?: {
    family: EmployerName["family"];
    region: (typeof REGIONS)[number];
    moves: { person: Person; join: Day; leave: Day | null; fromEngagement: string; fromEmployer: string }[];
  };
  ghostCandidate?: { person: Person; employerId: string; engagementId: string; wage: number };
  /** Payments the previous employer's payer made that the bank posted to this account. */
  misposted?: { paymentId: string; amount: number; paid: Day; reversed: Day | null }[];
}
