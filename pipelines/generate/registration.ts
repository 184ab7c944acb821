// Registration-system rows: the account, its contributors and their engagements, each snapshot
// version delivered with the month it happened in (a status change or a leaver is a new version).
import type { z } from "zod";
import type { contributors, employers, engagements } from "../contracts/registration.ts";
import { dayText, instant, type Instant } from "./calendar.ts";
import { employerUser, logActivity } from "./activity.ts";
import type { CsvRow } from "./csv-writer.ts";
import type { Engagement, Employer, World } from "./model.ts";
import type { Source } from "./schedule.ts";

type EmployerRow = z.infer<typeof employers.schema>;
type ContributorRow = z.infer<typeof contributors.schema>;
type EngagementRow = z.infer<typeof engagements.schema>;

/**
 * Writes the versions of one snapshot row (sorted by time); of several versions that land in the
 * same delivery only the last is written, as a source system exports current state.
 */
export function emitVersions(world: World, source: Source, entity: string, versions: readonly (readonly [Instant, CsvRow])[]): number {
  if (versions.length === 1) return world.out.emit(source, entity, versions[0]![0], versions[0]![1]) ? 1 : 0;
  let written = 0;
  let slot = world.out.slot(source, versions[0]![0]);
  for (let i = 0; i < versions.length && slot; i++) {
    const next = i + 1 < versions.length ? world.out.slot(source, versions[i + 1]![0]) : null;
    if (next !== slot) {
      world.out.emit(source, entity, versions[i]![0], versions[i]![1]);
      written++;
    }
    slot = next;
  }
  return written;
}

export function emitEmployer(world: World, e: Employer): void {
  const base: EmployerRow = {
    employer_id: e.id,
    account_type: e.accountType,
    cr_number: e.crNumber,
    name_ar: e.name.ar,
    name_en: e.nameEn,
    legal_form: e.legalForm,
    sector: e.sector,
    region: e.region,
    registered_on: dayText(e.registered),
    status: e.suspendedBefore !== null ? "suspended" : "active",
    status_changed_on: e.suspendedBefore !== null ? dayText(e.suspendedBefore) : null,
  };
  const versions: [Instant, EmployerRow][] = [[instant(e.registered, 10 * 3600), base]];
  const changes: [number, EmployerRow["status"]][] = [];
  if (e.suspended !== null) changes.push([e.suspended, "suspended"]);
  if (e.closed !== null) changes.push([e.closed, "closed"]);
  changes.sort((a, b) => a[0] - b[0]);
  for (const [day, status] of changes) {
    const at = instant(day, 11 * 3600);
    versions.push([at, { ...base, status, status_changed_on: dayText(day) }]);
    logActivity(world, e, {
      at,
      actor: world.staff.officer(e.rng),
      role: "staff",
      action: "update",
      entity: "employer",
      entityId: e.id,
      field: "status",
      oldValue: versions[versions.length - 2]![1].status,
      newValue: status,
      channel: "backoffice",
    });
  }
  emitVersions(world, "registration", "employers", versions);
  world.counts.employers = (world.counts.employers ?? 0) + 1;
}

export function emitPeopleAndEngagements(world: World, e: Employer, list: readonly Engagement[]): void {
  // Portal users register their own staff; bigger accounts come through the labour platform's integration.
  const channel = e.channel === "portal" ? "portal" : "api";
  const actor = channel === "portal" ? employerUser(e) : "QIWA";
  for (const eng of list) {
    const p = eng.person;
    if (!eng.borrowed) {
      const row: ContributorRow = {
        contributor_id: p.id,
        name_ar: p.nameAr,
        name_en: p.nameEn,
        nationality: p.nationality,
        birth_date: dayText(p.birth),
        gender: p.gender,
        first_registered_on: dayText(p.firstRegistered),
      };
      world.out.emit("registration", "contributors", p.registeredAt, row);
    }
    const joinedAt = Math.max(instant(eng.join, 9 * 3600), p.registeredAt + 60);
    const open = engagementRow(e, eng, null);
    const leftAt = eng.leave === null ? null : Math.max(joinedAt + 60, instant(eng.leave, 13 * 3600));
    if (leftAt === null) world.out.emit("registration", "engagements", joinedAt, open);
    else
      emitVersions(world, "registration", "engagements", [
        [joinedAt, open],
        [leftAt, engagementRow(e, eng, dayText(eng.leave!))],
      ]);
    if (eng.join >= world.window.start)
      logActivity(world, e, {
        at: joinedAt,
        actor,
        role: channel === "api" ? "integration" : "employer_user",
        action: "create",
        entity: "engagement",
        entityId: eng.id,
        channel,
      });
    if (leftAt !== null)
      logActivity(world, e, {
        at: leftAt,
        actor,
        role: channel === "api" ? "integration" : "employer_user",
        action: "update",
        entity: "engagement",
        entityId: eng.id,
        field: "left_on",
        newValue: dayText(eng.leave!),
        channel,
      });
  }
}

/** A version of an engagement's row: both versions come from this one literal, so the rows keep one shape (a spread copy made another). */
function engagementRow(e: Employer, eng: Engagement, leftOn: string | null): EngagementRow {
  return {
    engagement_id: eng.id,
    contributor_id: eng.person.id,
    employer_id: e.id,
    scheme: eng.scheme,
    occupation_code: eng.occupation,
    joined_on: dayText(eng.join),
    left_on: leftOn,
  };
}
