// Each establishment's seats over the window: who holds them, since when, and when they leave.
// Turnover is memoryless per seat (Saudis move more often than residents), leavers are replaced
// after a gap, and a closure ends every engagement on its day.
import type { Day } from "./calendar.ts";
import { instant } from "./calendar.ts";
import type { Engagement, Employer, Person, World } from "./model.ts";
import { zeroPadded } from "./ids.ts";
import { newPerson, registrationInstant } from "./population.ts";
import { initialWage, housingPercent } from "./pay-scales.ts";
import type { Rng } from "./prng.ts";

const OCCUPATIONS: Record<string, string[]> = {
  F: ["7112", "9313", "8342", "7411", "3112", "2142"],
  C: ["8189", "7233", "9329", "2141"],
  G: ["5223", "5230", "4321", "1420"],
  I: ["5120", "5131", "9412", "1412"],
  H: ["8332", "8322", "4323"],
  Q: ["2221", "2211", "3213"],
  P: ["2341", "2330"],
  J: ["2512", "3512"],
  K: ["2411", "2421", "3313"],
  M: ["2411", "2421", "3313"],
  L: ["3334", "2411"],
};
const GENERAL = ["9112", "5414", "4110", "4110", "1120"];
export const HEAVY_OCCUPATIONS = ["8342", "7112", "9313", "8332"];

export function occupation(rng: Rng, sector: string): string | null {
  if (rng.chance(0.08)) return null;
  const pool = OCCUPATIONS[sector];
  return pool && rng.chance(0.8) ? rng.pick(pool) : rng.pick(GENERAL);
}

/** Monthly chance of leaving, by nationality (Saudi private-sector turnover is higher). */
const LEAVE_HAZARD = { saudi: 0.022, resident: 0.013 };

export interface NewEngagement {
  person: Person;
  join: Day;
  leave: Day | null;
  scheme?: Engagement["scheme"];
  occupation?: string | null;
  wage?: number;
  housingPercent?: number;
  borrowed?: boolean;
}

export function engage(world: World, e: Employer, spec: NewEngagement): Engagement {
  const { rng } = e;
  world.counts.engagements = (world.counts.engagements ?? 0) + 1;
  return {
    id: `EN-${e.id}-${zeroPadded(++e.seq.engagement, 4)}`,
    person: spec.person,
    scheme: spec.scheme ?? "mandatory",
    occupation: spec.occupation === undefined ? occupation(rng, e.sector) : spec.occupation,
    join: spec.join,
    leave: spec.leave,
    wage: spec.wage ?? initialWage(rng, spec.person.saudi, e.size),
    housingPercent: spec.housingPercent ?? housingPercent(rng),
    // Every engagement has every property from the start (the plants set the two plans later):
    // engagements of several shapes made each read of one megamorphic on the hottest paths.
    wageFrom: undefined,
    slip: undefined,
    borrowed: spec.borrowed === true,
  };
}

/** The last day anyone can be engaged: the closure, or the horizon. */
export const lastEngagedDay = (world: World, e: Employer): Day => e.closed ?? world.window.horizon;

function optionalSubscriber(world: World, e: Employer): Engagement[] {
  const { rng } = e;
  const join = e.registered;
  const person = newPerson(world, rng, {
    saudi: true,
    join,
    registeredAt: instant(join, rng.int(9 * 3600, 20 * 3600)),
    age: rng.int(28, 58),
  });
  return [
    engage(world, e, {
      person,
      join,
      leave: null,
      scheme: "optional",
      occupation: null,
      wage: 100 * 100 * rng.int(15, 150),
      housingPercent: 0,
    }),
  ];
}

export function buildWorkforce(world: World, e: Employer): Engagement[] {
  if (e.accountType === "optional_subscriber") return optionalSubscriber(world, e);
  const { rng } = e;
  const { window } = world;
  const end = lastEngagedDay(world, e);
  const engagements: Engagement[] = [];
  for (let seat = 0; seat < e.headcount; seat++) {
    let join: Day =
      e.registered < window.start
        ? Math.max(e.registered, window.start - 1 - Math.floor(rng.float() ** 1.5 * 8 * 365))
        : e.registered + rng.int(0, 20);
    while (join <= end) {
      const saudi = rng.chance(e.saudiShare);
      const firstTimer = saudi && join >= window.start && rng.chance(0.45);
      const person = newPerson(world, rng, { saudi, join, registeredAt: registrationInstant(join, rng), firstTimer });
      const hazard = (saudi ? LEAVE_HAZARD.saudi : LEAVE_HAZARD.resident) / 30.4;
      let leave: Day | null = Math.max(join, window.start) + Math.floor(-Math.log(1 - rng.float()) / hazard);
      if (leave >= end) leave = e.closed;
      engagements.push(engage(world, e, { person, join, leave }));
      if (leave === null) break;
      join = leave + rng.int(1, 45);
    }
  }
  return engagements;
}
