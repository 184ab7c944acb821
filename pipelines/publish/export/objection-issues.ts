// The Data health page's count of bad objection input: for each rule of marts.dispute_lifecycle's
// header (events out of order, in the same second, a decision dated before the submission, no events,
// events after the decision), how many objections it applied to and how many of their events it
// concerns. Every rule is listed, a zero included, so a reader sees it was checked.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import type { ObjectionIssue } from "../page-data/objections.ts";
import { hasObjections } from "./objections.ts";

/** The names marts.dispute_lifecycle gives the cases in `data_issues`, in its header's order. */
export const OBJECTION_ISSUES = [
  "events_out_of_order",
  "same_second_events",
  "decided_before_submission",
  "no_events",
  "events_after_decision",
] as const;

export async function objectionIssues(c: DuckDBConnection): Promise<ObjectionIssue[]> {
  if (!(await hasObjections(c))) return [];
  // the events each case concerns: those out of place, sharing a second, the early decision, none, those after the decision
  const rows = await queryRows<ObjectionIssue & Record<string, unknown>>(
    c,
    `WITH marks AS (
       SELECT dispute_id, count(*) FILTER (WHERE arrived_out_of_order) AS events_out_of_order,
         count(*) FILTER (WHERE same_second) AS same_second_events,
         count(*) FILTER (WHERE is_deciding AND before_submission) AS decided_before_submission,
         count(*) FILTER (WHERE after_decision) AS events_after_decision
       FROM core.dispute_timeline GROUP BY dispute_id
     )
     SELECT issue, count(*)::INTEGER AS objections,
       coalesce(sum(CASE issue WHEN 'events_out_of_order' THEN m.events_out_of_order WHEN 'same_second_events' THEN m.same_second_events
         WHEN 'decided_before_submission' THEN m.decided_before_submission WHEN 'events_after_decision' THEN m.events_after_decision
         ELSE 0 END), 0)::INTEGER AS events
     FROM (SELECT dispute_id, unnest(data_issues) AS issue FROM marts.dispute_lifecycle) AS l LEFT JOIN marks AS m USING (dispute_id)
     GROUP BY issue`,
  );
  const found = new Map(rows.map((r) => [r.issue, r]));
  return OBJECTION_ISSUES.map((issue) => found.get(issue) ?? { issue, objections: 0, events: 0 });
}
