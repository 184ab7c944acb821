// Patterns of rules.md §8 that live in registrations and wages: fake Saudization, sister-company
// shuffles, ghosts engaged twice, implausible ages, pension-wage inflation, under-declaration
// (one person or the whole firm), and slips of the pen on a month's wage.
import { firstDay, instant, lastDay, type Month } from "./calendar.ts";
import type { Engagement, Employer, Handoff, World } from "./model.ts";
import { employerName } from "./names-employers.ts";
import { newPerson, registrationInstant } from "./population.ts";
import { engage, HEAVY_OCCUPATIONS, lastEngagedDay } from "./workforce.ts";
import type { Rng } from "./prng.ts";
import type { Window } from "./schedule.ts";

const THRESHOLD = 400_000; // 4,000 SAR: a Saudi counts fully for Nitaqat from here
const FLOOR = 150_000;
const SAR = 100;

/** A month well inside the window, for a plant to start in. Module-level: tsx names every closure it creates. */
const midMonth = (rng: Rng, window: Window) => window.first + 1 + rng.int(0, Math.max(0, window.last - window.first + 1 - 4));

const covers = (eng: Engagement, m: Month) => eng.join <= firstDay(m) && (eng.leave === null || eng.leave >= lastDay(m));

export function plantWorkforce(
  world: World,
  e: Employer,
  list: Engagement[],
  next: Employer | null,
  incoming: Handoff,
  outgoing: Handoff,
): void {
  const { planter, window } = world;
  const rng = e.rng;
  const establishment = e.accountType === "establishment" && e.legalForm !== "government";
  const preWindow = e.registered < window.start - 30;
  const months = window.last - window.first + 1;
  const end = lastEngagedDay(world, e);

  // Sister-company moves arriving from the previous employer.
  for (const move of incoming.sister?.moves ?? []) {
    const eng = engage(world, e, {
      person: move.person,
      join: move.join,
      leave: move.leave,
      wage: THRESHOLD,
      housingPercent: 0,
      borrowed: true,
    });
    list.push(eng);
    planter.record({
      pattern: "sister_company_shuffle",
      entity: "engagements",
      ids: [move.fromEngagement, eng.id],
      period: null,
      employerId: e.id,
      contributorId: move.person.id,
      detail: `moved from sister employer ${move.fromEmployer}`,
    });
  }

  const ghost = incoming.ghostCandidate;
  if (planter.take("ghost_multi_employer", ghost !== undefined && establishment && preWindow && e.closed === null && !incoming.sister)) {
    const m = midMonth(rng, window);
    const eng = engage(world, e, {
      person: ghost!.person,
      join: firstDay(m) + rng.int(0, 20),
      leave: null,
      wage: ghost!.wage,
      borrowed: true,
    });
    list.push(eng);
    planter.record({
      pattern: "ghost_multi_employer",
      entity: "engagements",
      ids: [ghost!.engagementId, eng.id],
      period: m,
      employerId: e.id,
      contributorId: ghost!.person.id,
      detail: `also full-time at employer ${ghost!.employerId}`,
    });
  }

  if (planter.take("fake_saudization", establishment && e.saudiShare < 0.5 && end > firstDay(window.first + 2))) {
    const m = midMonth(rng, window);
    const ids: string[] = [];
    for (let k = rng.int(1, 2); k > 0; k--) {
      const join = Math.max(firstDay(m) + rng.int(0, 25), e.registered + 1);
      if (join > end) continue;
      const person = newPerson(world, rng, {
        saudi: true,
        join,
        registeredAt: registrationInstant(join, rng),
        firstTimer: true,
      });
      const eng = engage(world, e, {
        person,
        join,
        leave: e.closed,
        wage: THRESHOLD,
        housingPercent: rng.chance(0.5) ? 0 : 20,
      });
      list.push(eng);
      ids.push(eng.id);
    }
    if (ids.length)
      planter.record({
        pattern: "fake_saudization",
        entity: "engagements",
        ids,
        period: m,
        employerId: e.id,
        detail: "Saudis hired at exactly 4000.00",
      });
  }

  if (
    planter.take(
      "sister_company_shuffle",
      establishment &&
        preWindow &&
        e.closed === null &&
        next !== null &&
        next.accountType === "establishment" &&
        next.legalForm !== "government" &&
        next.registered < window.start - 30 &&
        next.closed === null &&
        months >= 5,
    )
  ) {
    next!.name = employerName(next!.rng, next!.sector, false, e.name.family);
    next!.nameEn = next!.name.en;
    next!.region = e.region;
    const moves: NonNullable<Handoff["sister"]>["moves"] = [];
    for (let k = rng.int(1, 2); k > 0; k--) {
      const join = Math.max(firstDay(window.first + 1) + rng.int(0, 60), e.registered + 1);
      const leave = join + rng.int(30, 80);
      const person = newPerson(world, rng, {
        saudi: true,
        join,
        registeredAt: registrationInstant(join, rng),
        firstTimer: true,
      });
      const eng = engage(world, e, { person, join, leave, wage: THRESHOLD, housingPercent: 0 });
      list.push(eng);
      const nextLeave = leave + 1 + rng.int(30, 80);
      moves.push({
        person,
        join: leave + 1,
        leave: nextLeave < window.horizon ? nextLeave : null,
        fromEngagement: eng.id,
        fromEmployer: e.id,
      });
    }
    outgoing.sister = { family: e.name.family, region: e.region, moves };
  }

  if (planter.take("implausible_age", establishment && end > firstDay(window.first + 2) + 60)) {
    const young = rng.chance(0.5) || !preWindow;
    const join = young
      ? Math.max(firstDay(midMonth(rng, window)) + rng.int(0, 20), e.registered + 1)
      : Math.max(window.start - rng.int(100, 700), e.registered);
    const person = newPerson(world, rng, {
      saudi: young,
      join,
      registeredAt: registrationInstant(join, rng),
      firstTimer: young,
      age: young ? 16 : 77,
    });
    const eng = engage(world, e, {
      person,
      join,
      leave: e.closed !== null && e.closed >= join ? e.closed : null,
      occupation: rng.pick(HEAVY_OCCUPATIONS),
      wage: rng.int(15, 40) * 100 * SAR,
    });
    list.push(eng);
    planter.record({
      pattern: "implausible_age",
      entity: "contributors",
      ids: [person.id],
      period: null,
      employerId: e.id,
      contributorId: person.id,
      detail: `${young ? 16 : 77} years old at joining, occupation ${eng.occupation}`,
    });
  }

  if (planter.take("pension_wage_inflation", establishment && preWindow && end >= world.window.horizon && months >= 4)) {
    // Aged 57–59 when the window opens: the last years before the old law's retirement age of 60.
    const years = Math.min(rng.int(3, 15), Math.floor((window.start - e.registered) / 365));
    const join = Math.max(window.start - years * 365 - rng.int(0, 300), e.registered);
    const person = newPerson(world, rng, {
      saudi: true,
      join,
      registeredAt: instant(join, 10 * 3600),
      age: rng.int(57, 59) - years,
    });
    const eng = engage(world, e, { person, join, leave: null, wage: rng.int(60, 120) * 100 * SAR });
    const m = window.first + 2 + rng.int(0, months - 4);
    eng.wageFrom = { month: m, wage: Math.round((eng.wage * (1.8 + 1.2 * rng.float())) / 10_000) * 10_000 };
    list.push(eng);
    planter.record({
      pattern: "pension_wage_inflation",
      entity: "wages",
      ids: [person.id],
      period: m,
      employerId: e.id,
      contributorId: person.id,
      detail: `wage ${eng.wage / SAR} to ${eng.wageFrom.wage / SAR} near retirement age`,
    });
  }

  const ordinary = list.filter((eng) => !eng.borrowed && !eng.wageFrom && eng.scheme === "mandatory");
  const dropMonth = months >= 5 ? window.first + 3 + rng.int(0, months - 5) : window.last;
  const cut = ordinary.filter((eng) => eng.wage >= 500_000 && covers(eng, dropMonth) && covers(eng, Math.min(dropMonth + 1, window.last)));
  if (planter.take("under_declaration", cut.length > 0 && months >= 5)) {
    const eng = rng.pick(cut);
    eng.wageFrom = { month: dropMonth, wage: eng.person.saudi ? THRESHOLD : FLOOR };
    planter.record({
      pattern: "under_declaration",
      entity: "wages",
      ids: [eng.person.id],
      period: dropMonth,
      employerId: e.id,
      contributorId: eng.person.id,
      detail: `declared ${eng.wageFrom.wage / SAR} instead of ${eng.wage / SAR}`,
    });
  }
  const staying = ordinary.filter((eng) => !eng.wageFrom && covers(eng, dropMonth));
  if (planter.take("firm_wide_drop", staying.length >= 3 && establishment && months >= 5)) {
    const factor = 0.55 + 0.15 * rng.float();
    // a cut never lands below the floor, and never raises a wage already under it: a drop the data cannot show
    // would be an answer the detector is wrongly scored on
    for (const eng of staying)
      eng.wageFrom = { month: dropMonth, wage: Math.min(eng.wage, Math.max(FLOOR, Math.round((eng.wage * factor) / 10_000) * 10_000)) };
    planter.record({
      pattern: "firm_wide_drop",
      entity: "wages",
      ids: [e.id],
      period: dropMonth,
      employerId: e.id,
      detail: `${staying.length} wages cut to about ${Math.round(factor * 100)}%`,
    });
  }

  const slipMonth = window.first + rng.int(0, months - 1);
  const steady = ordinary.filter((eng) => covers(eng, slipMonth) && !eng.wageFrom);
  if (planter.take("wage_times_ten", steady.length > 0)) {
    const eng = rng.pick(steady);
    eng.slip = { month: slipMonth, kind: "times_ten" };
    planter.record({
      pattern: "wage_times_ten",
      entity: "wages",
      ids: [eng.person.id],
      period: slipMonth,
      employerId: e.id,
      contributorId: eng.person.id,
    });
  }
  const housed = steady.filter((eng) => eng.housingPercent > 0 && !eng.slip);
  if (planter.take("basic_housing_swapped", housed.length > 0)) {
    const eng = rng.pick(housed);
    eng.slip = { month: slipMonth, kind: "swapped" };
    planter.record({
      pattern: "basic_housing_swapped",
      entity: "wages",
      ids: [eng.person.id],
      period: slipMonth,
      employerId: e.id,
      contributorId: eng.person.id,
    });
  }

  const candidate = list.find((eng) => !eng.borrowed && eng.scheme === "mandatory" && eng.join < window.start && eng.leave === null);
  if (candidate)
    outgoing.ghostCandidate = {
      person: candidate.person,
      employerId: e.id,
      engagementId: candidate.id,
      wage: candidate.wage,
    };
}
