// marts.dispute_lifecycle straight from the spec (rules.md §6, outputs.md), the plain way, to hold the
// SQL to: one row per objection submitted on or before D, its events at or before D in the order of
// `at`, then `event_id`; the first deciding event closes it.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../lib/duckdb.ts";
import { daysBetween, riyadhDay } from "./days.ts";

export interface DisputeSpecRow {
  dispute_id: string;
  employer_id: string;
  status: string;
  submitted_on: string;
  closed_on: string | null;
  age_days: number;
  sla_days: number;
  sla_breached: boolean;
  escalated: boolean;
  outcome: string | null;
  /** Decimal text, as delivered (compare as decimals). */
  resolved_amount: string | null;
}

export interface SpecDispute {
  disputeId: string;
  employerId: string;
  submittedOn: string;
}

export interface SpecDisputeEvent {
  eventId: string;
  disputeId: string;
  at: string;
  status: string;
  resolvedAmount: string | null;
}

export interface DisputeWorld {
  disputes: SpecDispute[];
  events: SpecDisputeEvent[];
}

const DECIDING = new Set(["accepted", "partially_accepted", "rejected", "withdrawn", "closed"]);
const ESCALATING = new Set(["escalated_legal", "committee"]);

export async function loadDisputeWorld(connection: DuckDBConnection): Promise<DisputeWorld> {
  const disputes = (
    await queryRows<{ dispute_id: string; employer_id: string; submitted_on: string }>(
      connection,
      "SELECT dispute_id, employer_id, submitted_on FROM raw.disputes WHERE _valid_to IS NULL",
    )
  ).map((d) => ({ disputeId: d.dispute_id, employerId: d.employer_id, submittedOn: d.submitted_on }));
  const events = (
    await queryRows<{ event_id: string; dispute_id: string; at: string; status: string; resolved_amount: string | null }>(
      connection,
      'SELECT event_id, dispute_id, "at", status, resolved_amount FROM raw.dispute_events',
    )
  ).map((e) => ({ eventId: e.event_id, disputeId: e.dispute_id, at: e.at, status: e.status, resolvedAmount: e.resolved_amount }));
  return { disputes, events };
}

const inOrder = (a: SpecDisputeEvent, b: SpecDisputeEvent) =>
  Date.parse(a.at) - Date.parse(b.at) || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

export function disputesSpec(world: DisputeWorld, asOf: string, sla: { days: number; escalatedDays: number }): DisputeSpecRow[] {
  const rows: DisputeSpecRow[] = [];
  for (const d of world.disputes) {
    if (d.submittedOn > asOf) continue;
    const events = world.events.filter((e) => e.disputeId === d.disputeId && riyadhDay(e.at) <= asOf).sort(inOrder);
    const decisionAt = events.findIndex((e) => DECIDING.has(e.status));
    const decision = decisionAt < 0 ? null : events[decisionAt]!;
    // "on or before the decision" in time: a same-second escalation counts whatever its event_id (decision 7)
    const escalated = events.some((e) => ESCALATING.has(e.status) && (decision === null || Date.parse(e.at) <= Date.parse(decision.at)));
    const closedOn = decision === null ? null : riyadhDay(decision.at);
    const ageDays = daysBetween(closedOn ?? asOf, d.submittedOn);
    const slaDays = escalated ? sla.escalatedDays : sla.days;
    rows.push({
      dispute_id: d.disputeId,
      employer_id: d.employerId,
      status: events.at(-1)?.status ?? "submitted",
      submitted_on: d.submittedOn,
      closed_on: closedOn,
      age_days: ageDays,
      sla_days: slaDays,
      sla_breached: ageDays > slaDays,
      escalated,
      outcome: decision?.status ?? null,
      resolved_amount: decision?.resolvedAmount ?? null,
    });
  }
  return rows;
}
