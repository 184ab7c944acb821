// The platform's audit trail: employer users logging in and declaring, staff creating and
// approving, the system posting. Each module logs what it does through `logActivity`.
import type { z } from "zod";
import type { activityLog } from "../contracts/disputes.ts";
import { daysIn, firstDay, instant, isWorkday, timestampText as timestamp, type Day, type Instant } from "./calendar.ts";
import type { Employer, World } from "./model.ts";
import { zeroPadded } from "./ids.ts";
import { mix, Rng } from "./prng.ts";

type ActivityRow = z.infer<typeof activityLog.schema>;

export interface ActivityEvent {
  at: Instant;
  actor: string;
  role: ActivityRow["actor_role"];
  action: ActivityRow["action"];
  entity: ActivityRow["entity"];
  entityId: string | null;
  field?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
  channel: ActivityRow["channel"];
}

export const employerUser = (e: Employer, n = 1) => `U${e.id}-${n}`;

function emit(world: World, id: string, ev: ActivityEvent): void {
  const row: ActivityRow = {
    event_id: id,
    at: timestamp(ev.at),
    actor_id: ev.actor,
    actor_role: ev.role,
    action: ev.action,
    entity: ev.entity,
    entity_id: ev.entityId,
    field: ev.field ?? null,
    old_value: ev.oldValue ?? null,
    new_value: ev.newValue ?? null,
    channel: ev.channel,
  };
  if (world.out.emit("platform", "activity_log", ev.at, row)) world.counts.activity = (world.counts.activity ?? 0) + 1;
}

export function logActivity(world: World, e: Employer, ev: ActivityEvent): void {
  emit(world, `AL-${e.id}-${zeroPadded(++e.seq.activity, 5)}`, ev);
}

/** A working-hours instant on a working day on or after `day` (staff work Sunday–Thursday, 08:00–16:00). */
export function officeHours(rng: Rng, day: Day): Instant {
  while (!isWorkday(day)) day++;
  return instant(day, rng.int(8 * 3600, 16 * 3600 - 1));
}

/** Late at night or on the weekend: when legitimate back-office work does not happen. */
export function afterHours(rng: Rng, day: Day): Instant {
  if (rng.chance(0.5)) {
    while (isWorkday(day)) day++;
    return instant(day, rng.int(10 * 3600, 22 * 3600));
  }
  return instant(day, rng.chance(0.5) ? rng.int(22 * 3600, 86_399) : rng.int(0, 4 * 3600));
}

/** Employer users' portal logins: a few a month, more for bigger accounts. */
export function employerLogins(world: World, e: Employer, from: Day, to: Day): void {
  const rng = e.rng;
  const perMonth = e.size === "micro" ? 2 : e.size === "small" ? 4 : 8;
  const users = e.size === "micro" ? 1 : e.size === "small" ? 2 : 4;
  for (let m = world.window.first; m <= world.window.last + 1; m++) {
    const start = Math.max(from, firstDay(m));
    const end = Math.min(to, firstDay(m) + daysIn(m) - 1);
    if (end < start) continue;
    const n = rng.poisson(perMonth);
    for (let k = 0; k < n; k++) {
      const at = instant(rng.int(start, end), rng.int(7 * 3600, 23 * 3600));
      logActivity(world, e, {
        at,
        actor: employerUser(e, rng.int(1, users)),
        role: "employer_user",
        action: "login",
        entity: "employer",
        entityId: null,
        channel: "portal",
      });
    }
  }
}

/** Staff logins to the back office on working days (one stream for the whole fund). */
export function staffLogins(world: World): void {
  const rng = new Rng(mix(world.seed, 31));
  const staff = world.staff.all();
  let n = 0;
  for (let day = world.window.start; day <= world.window.horizon; day++) {
    if (!isWorkday(day)) continue;
    for (const actor of staff) {
      if (rng.chance(0.1)) continue;
      const at = instant(day, rng.int(7 * 3600 + 1800, 9 * 3600));
      emit(world, `AL-STAFF-${String(++n).padStart(7, "0")}`, {
        at,
        actor,
        role: "staff",
        action: "login",
        entity: "employer",
        entityId: null,
        channel: "backoffice",
      });
    }
  }
}
