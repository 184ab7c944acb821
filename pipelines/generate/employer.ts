// One employer, start to finish: its people and engagements, the patterns planted on them, the
// registration rows, the monthly wages, the billing and payments, and the logins. What it hands
// to the next employer is the only state that crosses employers.
import { employerLogins } from "./activity.ts";
import { runBilling } from "./billing.ts";
import type { Employer, Handoff, World } from "./model.ts";
import { plantWorkforce } from "./plants-workforce.ts";
import { assignCr } from "./population.ts";
import { emitEmployer, emitPeopleAndEngagements } from "./registration.ts";
import { declareWages } from "./wages.ts";
import { buildWorkforce } from "./workforce.ts";

export function simulateEmployer(world: World, e: Employer, next: Employer | null, incoming: Handoff): Handoff {
  const outgoing: Handoff = {};
  assignCr(world, e);
  const engagements = buildWorkforce(world, e);
  plantWorkforce(world, e, engagements, next, incoming, outgoing);
  emitEmployer(world, e);
  emitPeopleAndEngagements(world, e, engagements);
  const bills = declareWages(world, e, engagements);
  runBilling(world, e, bills, next, incoming, outgoing);
  employerLogins(world, e, Math.max(e.registered, world.window.start), e.closed ?? world.window.horizon);
  return outgoing;
}
